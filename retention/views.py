"""The IG manager's retention pages: thin views over retention.services."""

from django.contrib import messages
from django.db.models import Count, Max, Min, Q, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from organisation.csv_export import csv_stream
from retention import services
from retention.access import get_for_user, hold_record_links, retention_manager_required
from retention.forms import HoldForm, ItemFilterForm, ReasonForm, ReviewDateForm, RuleForm
from retention.kinds import KINDS
from retention.models import DisposalItem, DisposalRun, LegalHold, RecordType, RetentionRule
from workflow.pages import BoundedPaginator

PAGE_SIZE = 50
DONE_STATES = [DisposalItem.State.DONE, DisposalItem.State.FILES]


def _page(request, queryset):
    return BoundedPaginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return f"{encoded}&" if encoded else ""


# --- Runs ------------------------------------------------------------------------------------


@retention_manager_required
def runs(request):
    return render(
        request,
        "retention/runs.html",
        {"runs": DisposalRun.objects.select_related("approved_by")[:24]},
    )


@retention_manager_required
@require_POST
def run_prepare(request):
    run = services.run_prepare(today=timezone.localdate())
    if run is None:
        messages.info(
            request,
            "No new run was prepared: a run is still open, or no record is due for disposal.",
        )
        return redirect("retention:runs")
    return redirect("retention:run", run.pk)


@retention_manager_required
def run_detail(request, pk: int):
    run = get_for_user(request.user, DisposalRun, pk)
    items = run.items.all()
    # A batch of a bulk type counts its rows (as prepared, and as disposed of); a record, one.
    record, batch = Q(cutoff__isnull=True), Q(cutoff__isnull=False)
    counts = (
        items.values("record_type")
        .annotate(
            pending=Coalesce(Sum("batch_count", filter=Q(state=DisposalItem.State.PENDING)), 0),
            removed=Coalesce(Sum("batch_count", filter=Q(state=DisposalItem.State.REMOVED)), 0),
            done=Count("pk", filter=record & Q(state__in=DONE_STATES))
            + Coalesce(Sum("disposed_count", filter=batch & Q(state__in=DONE_STATES)), 0),
            first=Min("trigger_on"),
            last=Max(Coalesce("trigger_until", "trigger_on")),
        )
        .order_by("record_type")
    )
    labels = dict(RecordType.choices)
    filters = ItemFilterForm(request.GET or None)
    if filters.is_valid():
        if filters.cleaned_data["record_type"]:
            items = items.filter(record_type=filters.cleaned_data["record_type"])
        if filters.cleaned_data["state"]:
            items = items.filter(state=filters.cleaned_data["state"])
    return render(
        request,
        "retention/run_detail.html",
        {
            "run": run,
            "counts": [{**row, "label": labels.get(row["record_type"])} for row in counts],
            "filters": filters,
            "page_obj": _page(request, items.order_by("record_type", "due_on", "pk")),
            "base_query": _query_without_page(request),
            "editable": run.state == DisposalRun.State.PREPARED,
        },
    )


@retention_manager_required
@require_http_methods(["GET", "POST"])
def run_approve(request, pk: int):
    run = get_for_user(request.user, DisposalRun, pk)
    if request.method == "POST":
        try:
            services.run_approve(user=request.user, run_id=run.pk)
        except services.RetentionRefused as refused:
            messages.error(request, str(refused))
            return redirect("retention:run", run.pk)
        messages.success(request, "Run approved. The worker is disposing of its records.")
        return redirect("retention:run", run.pk)
    pending = run.items.filter(state=DisposalItem.State.PENDING).count()
    return render(request, "retention/run_approve.html", {"run": run, "pending": pending})


@retention_manager_required
@require_http_methods(["GET", "POST"])
def item_remove(request, pk: int):
    item = get_for_user(request.user, DisposalItem, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_remove(
                user=request.user, item_id=item.pk, reason=form.cleaned_data["reason"]
            )
        except services.RetentionRefused as refused:
            messages.error(request, str(refused))
            return redirect("retention:run", item.run_id)
        messages.success(request, f"{item.reference} removed from the run: it is kept.")
        return redirect("retention:run", item.run_id)
    return render(request, "retention/item_remove.html", {"item": item, "form": form})


# --- The schedule ----------------------------------------------------------------------------


@retention_manager_required
def schedule(request):
    return render(
        request,
        "retention/schedule.html",
        {"rules": RetentionRule.objects.select_related("updated_by"), "kinds": KINDS},
    )


@retention_manager_required
@require_http_methods(["GET", "POST"])
def rule_edit(request, pk: int | None = None):
    rule = get_for_user(request.user, RetentionRule, pk) if pk else None
    form = RuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        services.rule_save(user=request.user, rule=rule, **fields)
        messages.success(request, "Retention schedule saved.")
        return redirect("retention:schedule")
    return render(request, "retention/rule_form.html", {"form": form, "rule": rule})


@retention_manager_required
@require_POST
def rule_delete(request, pk: int):
    rule = get_for_user(request.user, RetentionRule, pk)
    services.rule_delete(user=request.user, rule_id=rule.pk)
    messages.success(request, "Rule deleted: records of that type and outcome are kept.")
    return redirect("retention:schedule")


# --- Legal holds -----------------------------------------------------------------------------


@retention_manager_required
def holds(request):
    active = LegalHold.objects.filter(released_at__isnull=True).select_related("placed_by")
    page = _page(request, active)
    page.object_list = list(page.object_list)
    links = hold_record_links(request.user, page.object_list)
    for hold in page.object_list:
        hold.record_url = links.get(hold.pk, "")
    return render(
        request, "retention/holds.html", {"page_obj": page, "today": timezone.localdate()}
    )


@retention_manager_required
@require_http_methods(["GET", "POST"])
def hold_new(request, record_type: str, pk: int):
    kind = KINDS.get(record_type)
    if kind is None:
        raise Http404("No such record type.")
    record = get_object_or_404(kind.model, pk=pk)
    form = HoldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.hold_place(user=request.user, record=record, **form.cleaned_data)
        messages.success(request, f"{services.reference_of(record)} is on legal hold.")
        return redirect(kind.detail_url(record))
    return render(
        request,
        "retention/hold_form.html",
        {"form": form, "record": record, "back_url": kind.detail_url(record)},
    )


@retention_manager_required
@require_http_methods(["GET", "POST"])
def hold_release(request, pk: int):
    hold = get_for_user(request.user, LegalHold, pk)
    form = ReasonForm(request.POST or None)
    review = ReviewDateForm(request.POST or None, prefix="review")
    if request.method == "POST":
        chosen = form if "release" in request.POST else review
        if chosen.is_valid():
            try:
                if chosen is form:
                    services.hold_release(
                        user=request.user, hold_id=hold.pk, reason=form.cleaned_data["reason"]
                    )
                    messages.success(request, f"The hold on {hold.reference} is released.")
                else:
                    services.hold_review(
                        user=request.user,
                        hold_id=hold.pk,
                        review_on=review.cleaned_data["review_on"],
                    )
                    messages.success(request, f"The hold on {hold.reference} is kept.")
            except services.RetentionRefused as refused:
                messages.error(request, str(refused))
            return redirect("retention:holds")
    return render(
        request, "retention/hold_release.html", {"hold": hold, "form": form, "review": review}
    )


# --- The disposal log ------------------------------------------------------------------------


def _log_items():
    return (
        DisposalItem.objects.filter(state__in=DONE_STATES)
        .select_related("run__approved_by")
        .order_by("-disposed_at", "-pk")
    )


@retention_manager_required
def log(request):
    items = _log_items()
    filters = ItemFilterForm(request.GET or None)
    if filters.is_valid() and filters.cleaned_data["record_type"]:
        items = items.filter(record_type=filters.cleaned_data["record_type"])
    return render(
        request,
        "retention/log.html",
        {
            "page_obj": _page(request, items),
            "filters": filters,
            "base_query": _query_without_page(request),
            "csv_url": reverse("retention:log_csv"),
        },
    )


@retention_manager_required
def log_csv(request):
    def rows():
        yield ["Run", "Record type", "Reference", "Rule", "Action", "Due on", "Disposed at",
               "Approved by", "Approved at", "Rows"]  # fmt: skip
        for item in _log_items().iterator(chunk_size=1000):
            run = item.run
            yield [
                run.pk,
                item.get_record_type_display(),
                item.reference,
                item.rule_label,
                item.get_action_display(),
                item.due_on.isoformat(),
                timezone.localtime(item.disposed_at).strftime("%Y-%m-%d %H:%M"),
                str(run.approved_by),
                timezone.localtime(run.approved_at).strftime("%Y-%m-%d %H:%M"),
                item.disposed_count if item.is_batch else 1,
            ]

    return csv_stream("disposal-log.csv", rows())
