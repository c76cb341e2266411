import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from events.roles import ROLES


class Command(BaseCommand):
    help = (
        "Development only: make (or reset) one sign-in for each role, demo-editor, demo-reviewer and "
        "demo-administrator, with new random passwords printed here, so that a newcomer can try the editors' side "
        "at once. Refused unless DJANGO_DEBUG=1: never in production."
    )

    def handle(self, *args, verbosity, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are for development only: run with DJANGO_DEBUG=1.")
        users = get_user_model()
        lines = []
        for role in ROLES:
            user, _ = users.objects.get_or_create(username=f"demo-{role.lower()}")
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.is_staff = True
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            lines.append(f"  {role:<14} {user.username:<20} {password}")
        if verbosity:
            self.stdout.write("Demo accounts (development only; passwords are new at every start):")
            self.stdout.write("\n".join(lines))
