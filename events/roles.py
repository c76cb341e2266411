"""
The editorial roles. A data migration creates the groups; ``sync_roles`` gives
them these permissions, and can be run again when a model is added.

Editor:        writes and edits drafts, sends them for review, reads readers' suggestions; cannot publish or
               delete records.
Reviewer:      everything an editor does, and publishes, unpublishes and deletes, and decides readers' suggestions.
Administrator: everything on content, and manages accounts and groups.
"""

CONTENT = {
    "events": ["event", "actor", "place", "eventtype", "citation", "eventactor", "figure", "correction", "misnomer",
               "legalprovision", "claim"],
    "sources": ["source"],
}
# Editors remove an event's citations and actors from its page, which Django counts as deleting them.
EDITOR_DELETES = {("events", "citation"), ("events", "eventactor"), ("events", "correction"), ("events", "claim")}
# Changes to published records are made on the record's page; everyone reads them, reviewers decide them.
# Lint overrides are written when a reviewer publishes; everyone reads them.
READ_ONLY = {"events": ["eventchange", "recordchange", "lintoverride"]}
# Readers' suggestions: editors read the queue; reviewers decide (change) and may delete spam.
DECIDED_BY_REVIEWERS = {"events": ["suggestion"]}
ROLES = ("Editor", "Reviewer", "Administrator")


def role_permissions(Permission):
    # Filtered rather than fetched one by one: a migration syncs the roles with the models that exist by then,
    # and a later one again once more have come (tests/events/test_workflow.py checks the final groups).
    def perms(app, model, actions):
        return list(Permission.objects.filter(content_type__app_label=app, codename__in=[f"{a}_{model}" for a in actions]))

    editor, reviewer = [], []
    for app, models in CONTENT.items():
        for model in models:
            editor += perms(app, model, ["add", "change", "view"])
            if (app, model) in EDITOR_DELETES:
                editor += perms(app, model, ["delete"])
            reviewer += perms(app, model, ["add", "change", "view", "delete"])
    for app, models in READ_ONLY.items():
        for model in models:
            editor += perms(app, model, ["view"])
            reviewer += perms(app, model, ["view"])
    for app, models in DECIDED_BY_REVIEWERS.items():
        for model in models:
            editor += perms(app, model, ["view"])
            reviewer += perms(app, model, ["view", "change", "delete"])
    reviewer += [Permission.objects.get(content_type__app_label="events", codename=c) for c in ("publish_event", "publish_figure")]
    administrator = reviewer + list(Permission.objects.filter(content_type__app_label__in=["auth", "axes", "reversion"]))
    return {"Editor": editor, "Reviewer": reviewer, "Administrator": administrator}


def sync_roles(apps):
    """Create the groups and set their permissions (``apps``: the migration's app registry, or django.apps)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # Permissions are otherwise created only after all migrations have run; a migration's
        # app configs have no models module, which create_permissions needs to see.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    for name, permissions in role_permissions(Permission).items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)
