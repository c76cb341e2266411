"""
The public site's views, by page: the timeline (timeline.py), single records
(pages.py), the bibliography (bibliography.py), search, feeds and downloads.
"""
