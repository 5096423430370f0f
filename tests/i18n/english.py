"""Finding English left on a page that should be in Welsh.

A page's visible text (and the attribute text a screen reader speaks) is searched for common
English words that are not also Welsh words. Words in content people entered (a case's public
title, an agreement's partner, the council's name) are removed first by the caller."""

import re
from html.parser import HTMLParser

# Attributes whose text is shown or spoken.
SPOKEN_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "data-working-text")
# Common English words, none of them a Welsh word: "a", "i", "am", "at", "ni", "all", "do", "we"
# (y we, the web),
# "log", "data", "problem" and the like are Welsh too and would find English where there is none.
ENGLISH_WORDS = frozenset(
    """
    the and you your our us of to is are was were be been this that these those with for not
    have has had will would can could should must may by or from about into than then there
    their they them what when where which who whom how why if it its only more most other some
    such any every each here also please does did no yes
    page pages request requests information search send sent enter select back next previous
    error skip main content privacy accessibility disclosure response responses
    document documents reference outcome apply clear filters agreement agreements partners
    purpose lawful basis dates review ends received complaint complain personal email
    address name title full postal optional what happens link expired works until sign
    """.split()
)
WORD = re.compile(r"[A-Za-z’']+")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in SPOKEN_ATTRIBUTES and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


# The language switch names the other language in that language, on purpose.
_SWITCH = re.compile(r"<form[^>]*app-language-switch.*?</form>", re.S)


def page_text(html: str) -> str:
    parser = _Text()
    parser.feed(_SWITCH.sub(" ", html))
    return " ".join(" ".join(parser.parts).split())


def without(text: str, user_content) -> str:
    """The text with each piece of user-entered content removed (longest first)."""
    for piece in sorted((p for p in user_content if p), key=len, reverse=True):
        text = text.replace(" ".join(str(piece).split()), " ")
    return text


def english_words(text: str) -> list[str]:
    return [word for word in WORD.findall(text) if word.lower().strip("’'") in ENGLISH_WORDS]
