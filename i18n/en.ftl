# English UI strings. A site may override any message in its own i18n/en.ftl.

language-name = English
# The name of a language, written in English.
language-name-of = { $code ->
    [ja] Japanese
    [en] English
   *[other] { $code }
}
date = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $day }, { $year }
clause-number = Article { $number }
subclause-number = ({ $number })

skip-to-content = Skip to content
language-switcher = Language
site-home = Home
index-title = Policies
index-intro = The policies and terms we publish. Each page shows the version in force, with every earlier version and the revision history.
root-choose-language = Choose a language.

toc-title = Contents
permalink-label = Link to this clause
preamble-label = Preamble

banner-label = Status
banner-in-force = This is the version in force.
banner-upcoming = This version takes effect on { $date }.
banner-archived = This is an earlier version, in force from { $from } to { $until }.
banner-no-end = This is an earlier version.
banner-see-current = See the version in force
banner-next = A revised version takes effect on { $date }.
banner-next-material = The revision includes material changes.
banner-see-next = Read the revised version
banner-effective = Effective
banner-established = Established
banner-announced = Announced
# The running head of each printed page.
print-head = { $title } · effective { $effective }
print-head-announced = { $title } · effective { $effective } · announced { $announced }
record-url = Permanent URL
record-sha256 = Hash of the text (SHA-256)
record-pdf = PDF record
pdf-link = PDF of this version (A4)
changes-pdf-link = PDF of this comparison (A4)
announced-earlier = (announced again with changes; earlier announcement: { $date })

governing-notice = This { $language } text is a translation for reference. Where it differs from the { $governing } text, the { $governing } text prevails.
translation-missing = This version has no { $language } text; the { $governing } text is shown.

version-title = { $policy } (version effective { $date })
version-permalink = Permanent link to this version
history-link = Revision history
history-title = { $policy }: revision history
history-intro = Newest first. Every version can be read in full.
history-effective = Effective
history-announced = Announced
history-change = Change
history-summary = Summary
history-status = Status
history-read = Full text
history-as-of-label = Which version applies on a date
history-as-of-found = The version that applies on that day:
history-as-of-none = No version was in force on that day (it is before the first one took effect).
history-compare-label = Compare any two versions
history-compare-from = Older
history-compare-to = Newer
history-compare-go = Show the comparison
history-compare-same = Pick two different versions.

change-initial = Established
change-material = Material change
change-editorial = Editorial change
status-in-force = In force
status-upcoming = Upcoming
status-archived = Archived

index-in-force-since = In force since { $date }
index-upcoming = Revision takes effect on { $date }
index-not-yet = Takes effect on { $date }

kind-privacy = Privacy policy
kind-terms = Terms of use
kind-cookies = External transmission and cookies
kind-other = Other

block-address = { $address } { $postal }, Japan
block-address-label = Address
block-representative = Representative
block-tel = Telephone
block-free-dial = toll-free
block-fax = Fax
block-email = E-mail
block-url = Website
block-hours = Hours
block-complaint-body = Accredited personal information protection organisation
block-destination-service = Service
block-destination-recipient = Recipient
block-destination-data = Information sent
block-destination-purpose = Purpose
block-destination-opt-out = Opting out
block-destination-privacy = The recipient's privacy policy
block-destination-opt-out-link = How to opt out

feed-title = { $site }: policy updates
feed-description = New and revised policies, including those announced but not yet in effect
feed-takes-effect = Takes effect on { $date }.
feed-took-effect = In effect from { $date }.
changes-link = What changed
clause-number-branch = Article { $number }-{ $branch }
# A link with no text to a sub-clause: its clause's number and its own.
clause-link-sub = { $clause } { $sub }
# numbering = "sections": a policy or notice numbers its sections.
section-number = { $number }.
section-number-branch = { $number }-{ $branch }.
tombstones-title = Removed clauses
tombstone = “{ $title }” was removed by the revision that took effect on { $date }.
tombstone-link = Read it as it was before
changes-title = { $policy }: changes effective { $date }
changes-across-title = { $policy }: the version effective { $from } compared with the one effective { $to }
changes-intro = What changed from the version effective { $from } to the version effective { $to } (insertions underlined, deletions struck through).
changes-read-old = Full text before
changes-read-new = Full text after
changes-caption = Comparison of old and new text
changes-place = Clause
changes-before = Before
changes-after = After
changes-was = (formerly { $label })
changes-moved-after = (moved: it followed { $label })
changes-moved-first = (moved: it came first)
changes-none = (new)
changes-deleted = (removed)
# Read out by screen readers around each highlighted change (not shown).
changes-inserted-start = [inserted]
changes-inserted-end = [end of insertion]
changes-removed-start = [deleted]
changes-removed-end = [end of deletion]
changes-no-text-change = The text of the clauses did not change.
changes-unchanged = Unchanged clauses ({ $count })
changes-supplementary = Supplementary provision
changes-effective = This revision takes effect on { $date }.
changes-announced = Announced on { $date }
change-kind-added = Added
change-kind-removed = Removed
change-kind-changed = Changed
change-kind-moved = Moved
change-kind-renamed = Id changed
history-changed = Clauses changed ({ $count })
banner-see-changes = What this revision changed
changes-elided = (unchanged text omitted)
correction = Corrected on { $date }:
translation-added = The text in this language was added on { $date }, after the version took effect; until then the original text was shown.
not-found-title = Page not found
not-found-text = The page you are looking for has moved or does not exist. Please start from the list of policies.
og-locale = en_US
meta-version = { $policy }, effective { $date }. { $summary }

# The search page.
search-title = Search the policies
search-link = Search
search-label = Words to find (apart by spaces: clauses holding them all)
search-past = Search earlier versions too
search-count = Clauses found: { $count }.
search-more = Showing { $shown } of { $count }: add words to narrow them, or show more.
search-show-more = Show more
search-none = Nothing found.
search-failed = The search index could not be loaded.
search-needs-script = Search needs JavaScript. Each policy's page has its full text.
