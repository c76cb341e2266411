"""
Link health: fetch every source URL, concurrently, with timeouts and retries,
follow redirects, and record the status, the final URL and when we looked.
A dead link sends readers to the archived copy.
"""

import asyncio
from dataclasses import dataclass

import httpx
from django.db import transaction
from django.utils import timezone

USER_AGENT = "KFOR-Timeline-link-checker/1"
RETRY_STATUSES = {429, 500, 502, 503, 504}
HEAD_REFUSED = {403, 405, 501}  # some servers refuse HEAD but answer GET


@dataclass
class LinkResult:
    url: str
    status: int | None = None
    final_url: str = ""
    error: str = ""
    attempts: int = 0

    @property
    def dead(self):
        return bool(self.error) or (self.status or 0) >= 400


async def _check(client, url, *, retries, backoff):
    result = LinkResult(url)
    for attempt in range(retries + 1):
        result.attempts = attempt + 1
        try:
            response = await client.head(url)
            if response.status_code in HEAD_REFUSED:
                response = await client.get(url)
            result.status, result.final_url, result.error = response.status_code, str(response.url), ""
            if response.status_code not in RETRY_STATUSES:
                return result
        except httpx.TooManyRedirects:
            result.status, result.error = None, "too many redirects"
            return result
        except httpx.TimeoutException:
            result.status, result.error = None, "timed out"
        except httpx.HTTPError as exc:
            result.status, result.error = None, (str(exc) or exc.__class__.__name__)[:200]
        if attempt < retries:
            await asyncio.sleep(backoff * (2 ** attempt))
    return result


async def _check_all(urls, *, timeout, retries, concurrency, backoff, progress):
    limit = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(follow_redirects=True, timeout=timeout, max_redirects=10,
                                 headers={"User-Agent": USER_AGENT}) as client:
        async def one(url):
            async with limit:
                result = await _check(client, url, retries=retries, backoff=backoff)
            progress(result)
            return result

        return await asyncio.gather(*(one(url) for url in urls))


def check_urls(urls, *, timeout=10.0, retries=2, concurrency=8, backoff=0.5, progress=lambda result: None):
    """Check each URL once (duplicates are checked once); returns {url: LinkResult}."""
    unique = list(dict.fromkeys(urls))
    results = asyncio.run(_check_all(unique, timeout=timeout, retries=retries, concurrency=concurrency,
                                     backoff=backoff, progress=progress))
    return {result.url: result for result in results}


@transaction.atomic
def sources_record_links(*, sources, results) -> int:
    """Store the results on the sources in one transaction; returns how many sources were updated."""
    now = timezone.now()
    changed = []
    for source in sources:
        result = results.get(source.url)
        if result is None:
            continue
        source.link_checked_at, source.link_status = now, result.status
        source.link_final_url, source.link_error = result.final_url[:1000], result.error[:200]
        changed.append(source)
    if changed:
        type(changed[0]).objects.bulk_update(changed, ["link_checked_at", "link_status", "link_final_url", "link_error"])
    return len(changed)
