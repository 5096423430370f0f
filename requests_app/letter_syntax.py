"""The only template tags and filters a council-edited letter template may use.

Letter templates are edited by administrators in the browser and rendered with case data, so
they get a deliberately small language (see requests_app.letter_templates): the control flow and
formatting a letter needs, nothing that reaches outside the letter. Left out on purpose:
`load` (it would bring in any installed tag library), `include` and `extends` (they read other
template files, which could show internal pages or settings to a requester), `debug` (it dumps
the whole context), `url`, `csrf_token`, `lorem`, `regroup`, `widthratio` and the other tags a
letter has no use for. A template using any of them fails to compile and the admin refuses it.
"""

from django.template import Library, defaultfilters, defaulttags

register = Library()

TAGS = ("if", "for", "with", "firstof", "comment", "now", "spaceless", "cycle")
FILTERS = (
    "add",
    "capfirst",
    "cut",
    "date",
    "default",
    "default_if_none",
    "first",
    "floatformat",
    "join",
    "last",
    "length",
    "linebreaksbr",
    "lower",
    "pluralize",
    "slice",
    "time",
    "title",
    "truncatewords",
    "upper",
    "wordwrap",
    "yesno",
)

for _name in TAGS:
    register.tags[_name] = defaulttags.register.tags[_name]
for _name in FILTERS:
    register.filters[_name] = defaultfilters.register.filters[_name]
