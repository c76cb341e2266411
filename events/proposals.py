"""
Changes to what readers see wait for a reviewer. A user without the publish permission who saves a public record
proposes a change instead of making it: what the admin's form would have saved is kept (an EventChange for an event,
events.reviews; a RecordChange for a figure, a legal provision, an actor, a place, an event type or a source), the
live record stays as readers see it, and a reviewer approves the change (it is applied, in one revision of the
history) or rejects it with a reason, which the editor reads. Which records are public is the public pages' own answer
(selectors.public_records); a record no reader sees yet (a draft; an actor, a type or a source only drafts use) is
saved at once.
"""

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sources.services import sources_refresh_origins

from .models import Correction, RecordChange
from .selectors import public_records
from .services import PUBLISH_PERMISSION

# The permission that publishes a kind of record, where it is not the one that publishes events.
PERMISSIONS = {"events.figure": "events.publish_figure"}


class ChangeRefused(Exception):
    pass


def publish_permission(model) -> str:
    return PERMISSIONS.get(model._meta.label_lower, PUBLISH_PERMISSION)


def is_public(record) -> bool:
    """Whether readers see ``record`` as it is stored now: an editor's change to it then waits for review."""
    return record.pk is not None and public_records(type(record)).filter(pk=record.pk).exists()


def plain(value):
    """A form value as JSON keeps it: a record by its key, a date as text (DjangoJSONEncoder)."""
    return value.pk if hasattr(value, "pk") else value


def proposal_of(*, model, form, formsets, relations) -> dict:
    """
    What an admin ``form`` and its inline ``formsets`` would save to a record of ``model``: the changed fields by
    attname, many-to-many relations as lists of keys, and the whole list of each inline changed. ``relations`` maps
    an inline's model to the name of its relation on the record and the values kept a row.
    """
    many = {field.name for field in model._meta.many_to_many}
    concrete = {field.name: field for field in model._meta.concrete_fields}
    fields, lists = {}, {}
    for name in form.changed_data:
        if name in many:
            lists[name] = sorted(record.pk for record in form.cleaned_data[name])
        elif name in concrete:
            fields[concrete[name].attname] = plain(form.cleaned_data[name])
    for formset in formsets:
        if formset.model not in relations or not formset.has_changed():
            continue
        relation, kept = relations[formset.model]
        lists[relation] = [
            {name: plain(subform.cleaned_data.get(name)) for name in kept}
            for subform in formset.forms
            if subform.cleaned_data and not formset._should_delete_form(subform)
            and (subform.instance.pk or subform.has_changed())
        ]
    return {"fields": fields, "relations": lists}


def inline_relations(formsets) -> dict:
    """
    The relations a record's inlines edit (a figure's claims), as proposal_of takes them: all but corrections,
    which wait for review on their own (services.correction_save).
    """
    relations = {}
    for formset in formsets:
        fk = getattr(formset, "fk", None)
        if fk is None or formset.model is Correction:
            continue
        own = {field.name for field in formset.model._meta.concrete_fields} - {fk.name, "id"}
        relations[formset.model] = (fk.remote_field.get_accessor_name(), [n for n in formset.form.base_fields if n in own])
    return relations


def set_fields(record, fields):
    """Set a proposal's ``fields`` (by attname) on ``record``, in memory."""
    by_attname = {field.attname: field for field in type(record)._meta.concrete_fields}
    for attname, value in fields.items():
        setattr(record, attname, by_attname[attname].to_python(value))


def rows_of(model, rows):
    """Unsaved records of ``model`` from a proposal's ``rows``, the records they name loaded in one query a kind."""
    references = {name: model._meta.get_field(name) for name in (rows[0] if rows else {})
                  if model._meta.get_field(name).many_to_one}
    loaded = {name: field.related_model._base_manager.in_bulk({row[name] for row in rows if row.get(name)})
              for name, field in references.items()}
    return [model(**{name: loaded[name].get(value) if name in loaded else model._meta.get_field(name).to_python(value)
                     for name, value in row.items()}) for row in rows]


def record_change_propose(*, record, form, formsets, user, summary: str) -> RecordChange | None:
    """Keep what an editor's admin form would save to public ``record`` as a change for review; None if it changes nothing."""
    proposal = proposal_of(model=type(record), form=form, formsets=formsets, relations=inline_relations(formsets))
    if not proposal["fields"] and not proposal["relations"]:
        return None
    return RecordChange.objects.create(record=record, proposal=proposal, summary=summary, based_on=record.updated_at,
                                       proposed_by=user)


def check_pending(change):
    if change.state != change.State.PENDING:
        raise ChangeRefused(_("This change was already %(state)s.") % {"state": change.get_state_display()})


@transaction.atomic
def record_change_approve(*, change: RecordChange, user, override: str = ""):
    """
    Apply a pending change to its record, in one revision of the history that names who proposed it; refuse one made
    on an older version than the live one, and one the record's rules refuse. ``override`` is unused: records other
    than events have no lint that holds them back.
    """
    change = RecordChange.objects.select_for_update().select_related("content_type").get(pk=change.pk)
    check_pending(change)
    model = change.content_type.model_class()
    if not user.has_perm(publish_permission(model)):
        raise ChangeRefused(_("Only a reviewer approves a change to a published record."))
    record = model._base_manager.select_for_update().filter(pk=change.object_id).first()
    if record is None:
        raise ChangeRefused(_("The record this change was proposed for no longer exists: reject the change."))
    if record.updated_at > change.based_on:
        raise ChangeRefused(_("“%(record)s” was changed after this change was proposed: reject it, and ask for it "
                              "to be made again on the current version.") % {"record": record})
    fields = change.proposal["fields"]
    with reversion.create_revision():
        set_fields(record, fields)
        try:
            record.full_clean()
        except ValidationError as exc:
            raise ChangeRefused(_("“%(record)s” cannot take this change: %(problems)s") % {
                "record": record, "problems": " ".join(exc.messages)}) from None
        record.save()
        for relation, rows in change.proposal["relations"].items():
            manager = getattr(record, relation)
            manager.all().delete()
            for row in rows_of(manager.model, rows):
                manager.add(row, bulk=False)
        reversion.set_user(user)
        reversion.set_comment(approval_comment(change))
    if "derived_from_id" in fields:  # a source's origin follows its derivation, as the source admin's save does
        sources_refresh_origins()
    decide(change, RecordChange.State.APPROVED, user)
    return record


def change_reject(*, change, user, reason: str = "") -> None:
    """Reject a pending change (to an event or another record), saying why: the editor who proposed it reads the reason."""
    check_pending(change)
    if not reason.strip():
        raise ChangeRefused(_("Give the reason for rejecting the change to “%(title)s”: the editor who proposed it "
                              "reads it.") % {"title": change.subject})
    change.reason = reason.strip()
    decide(change, change.State.REJECTED, user)


def approval_comment(change) -> str:
    """The comment of the version an approval makes: who proposed the change, and their summary."""
    return _("Approved the change proposed by %(who)s: %(summary)s") % {
        "who": change.proposed_by.get_username() if change.proposed_by else _("an editor"), "summary": change.summary}


def decide(change, state, user):
    """Record on ``change`` that ``user`` approved or rejected it, now."""
    change.state, change.decided_by, change.decided_at = state, user, timezone.now()
    change.save(update_fields=["state", "decided_by", "decided_at", "reason"])
