from django.core.management.base import BaseCommand

from releases.builder import NothingChanged, release_make, release_path


class Command(BaseCommand):
    help = (
        "Make the next numbered, dated data release of the published dataset: a ZIP with the JSON and CSV export, "
        "datapackage.json, LICENSE, CHANGELOG and SHA256SUMS, listed on /data/. Makes none when nothing changed "
        "since the latest release, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Make a release even if nothing changed.")
        parser.add_argument("--dry-run", action="store_true", help="Say what the release would hold; make none.")
        parser.add_argument("--site-url", default="", help="The site's address, named as the data's source "
                                                           "in datapackage.json (e.g. https://kfor-timeline.org/).")

    def handle(self, *args, force, dry_run, site_url, verbosity, **options):
        try:
            release = release_make(force=force, dry_run=dry_run, site_url=site_url)
        except NothingChanged as unchanged:
            if verbosity:
                self.stdout.write(f"{unchanged} No release made; use --force to make one anyway.")
            return
        changes = ", ".join(f"{n} {kind}" for kind, n in release.change_counts.items())
        if dry_run:
            self.stdout.write(f"Release {release.number} would hold {changes} (dry run: nothing made).")
        elif verbosity:
            self.stdout.write(self.style.SUCCESS(
                f"Release {release.number} ({release.date.isoformat()}): {changes}. "
                f"{release_path(release)}, {release.size} bytes, SHA-256 {release.sha256}."))
