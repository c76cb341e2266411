from sources.linkcheck import check_urls, sources_record_links
from sources.management.base import WritingCommand
from sources.models import Source


class Command(WritingCommand):
    help = (
        "Check every source's link: concurrent requests with timeouts and retries, redirects followed. "
        "Stores the HTTP status, the final URL and the time of the check; dead links show in the admin "
        "and send readers to the archived copy."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("keys", nargs="*", help="Only these sources (by key). Default: every source with a URL.")
        parser.add_argument("--timeout", type=float, default=10.0, help="Seconds per request (default 10).")
        parser.add_argument("--retries", type=int, default=2, help="Retries after a timeout, error or 5xx (default 2).")
        parser.add_argument("--concurrency", type=int, default=8, help="Requests at once (default 8).")

    def handle(self, *args, keys, timeout, retries, concurrency, dry_run, verbosity, **options):
        sources = Source.objects.exclude(url="").order_by("key")
        if keys:
            sources = sources.filter(key__in=keys)
        sources = list(sources)

        def progress(result):
            if verbosity >= 2:
                self.stdout.write(f"{result.status or result.error:>12}  {result.url}")

        results = check_urls([s.url for s in sources], timeout=timeout, retries=retries, concurrency=concurrency,
                             progress=progress)
        dead = [s for s in sources if results[s.url].dead]
        if not dry_run and sources:
            sources_record_links(sources=sources, results=results)
        if verbosity:
            for source in dead:
                result = results[source.url]
                self.stdout.write(self.style.WARNING(f"dead: {source.key}: {result.status or result.error} {source.url}"))
            moved = sum(1 for s in sources if results[s.url].final_url and results[s.url].final_url != s.url)
            summary = f"{len(sources)} links checked: {len(sources) - len(dead)} alive, {len(dead)} dead, {moved} redirected."
            self.stdout.write(summary)
            self.finish(dry_run=dry_run, done="Link health stored." if not dead else "Link health stored; see the dead links above.")
