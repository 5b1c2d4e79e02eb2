# Japanese UI strings. A site may override any message in its own i18n/ja.ftl.

language-name = 日本語
# The name of a language, written in Japanese.
language-name-of = { $code ->
    [ja] 日本語
    [en] 英語
   *[other] { $code }
}
date = { $year }年{ $month }月{ $day }日
clause-number = 第{ $number }条
subclause-number = （{ $number }）

skip-to-content = 本文へ移動
language-switcher = 言語
site-home = トップ
index-title = 規約・ポリシー一覧
index-intro = 当社が定める規約およびポリシーの一覧です。各ページでは現在施行中の版のほか、過去の版と改定履歴をご覧いただけます。
root-choose-language = 言語を選択してください。

toc-title = 目次
permalink-label = この条項へのリンク
preamble-label = 前文

banner-label = 施行状況
banner-in-force = 現在施行中の版です。
banner-upcoming = この版は{ $date }から施行されます。
banner-archived = この版は{ $from }から{ $until }まで施行されていた過去の版です。
banner-no-end = この版は過去の版です。
banner-see-current = 現在施行中の版を見る
banner-next = 改定版が{ $date }から施行されます。
banner-next-material = この改定には重要な変更が含まれます。
banner-see-next = 改定版を見る
banner-effective = 施行日
banner-established = 制定日
banner-announced = 公表日
# The running head of each printed page.
print-head = { $title }　施行日 { $effective }
print-head-announced = { $title }　施行日 { $effective }　公表日 { $announced }
record-url = 固定URL
record-sha256 = 本文のハッシュ値（SHA-256）
record-pdf = 記録用PDF
pdf-link = この版のPDF（A4）
changes-pdf-link = 新旧対照表のPDF（A4）
announced-earlier = （{ $date }に公表した内容を変更し、改めて公表）

governing-notice = この{ $language }版は参考のための翻訳です。{ $governing }版との間に相違がある場合は、{ $governing }版が優先します。
translation-missing = この版には{ $language }版がないため、{ $governing }版を表示しています。

version-title = { $policy }（{ $date }施行版）
version-permalink = この版の固定URL
history-link = 改定履歴
history-title = { $policy } 改定履歴
history-intro = 施行日の新しい順に表示しています。各版の全文をご覧いただけます。
history-effective = 施行日
history-announced = 公表日
history-change = 区分
history-summary = 改定内容
history-status = 状態
history-read = 全文
history-as-of-label = 日付を指定して、その日に適用される版を表示
history-as-of-found = その日に適用される版：
history-as-of-none = その日に施行されていた版はありません（最初の版の施行前です）。
history-compare-label = 二つの版を選んで比較する
history-compare-from = 旧
history-compare-to = 新
history-compare-go = 新旧対照表を表示
history-compare-same = 異なる二つの版を選んでください。

change-initial = 制定
change-material = 重要な変更
change-editorial = 軽微な変更
status-in-force = 施行中
status-upcoming = 施行予定
status-archived = 過去の版

index-in-force-since = { $date }施行
index-upcoming = { $date }に改定予定
index-not-yet = { $date }施行予定

kind-privacy = プライバシーポリシー
kind-terms = 利用規約
kind-cookies = 外部送信・Cookie
kind-other = その他

block-address = 〒{ $postal } { $address }
block-address-label = 所在地
block-representative = 代表者
block-tel = 電話
block-free-dial = フリーダイヤル（通話料無料）
block-fax = FAX
block-email = 電子メール
block-url = ウェブサイト
block-hours = 受付時間
block-complaint-body = 認定個人情報保護団体
block-destination-service = サービス名
block-destination-recipient = 送信先
block-destination-data = 送信される情報
block-destination-purpose = 利用目的
block-destination-opt-out = オプトアウト
block-destination-privacy = 送信先のプライバシーポリシー
block-destination-opt-out-link = オプトアウトの手続

feed-title = { $site }：改定のお知らせ
feed-description = 規約・ポリシーの制定と改定（施行予定のものを含む）
feed-takes-effect = { $date }から施行されます。
feed-took-effect = { $date }から施行。
changes-link = 変更点（新旧対照表）
clause-number-branch = 第{ $number }条の{ $branch }
# A link with no text to a sub-clause: its clause's number and its own.
clause-link-sub = { $clause }{ $sub }
# numbering = "sections": a 方針 or notice numbers its sections.
section-number = { $number }.
section-number-branch = { $number }-{ $branch }.
tombstones-title = 削除された条項
tombstone = 「{ $title }」は{ $date }施行の改定で削除されました。
tombstone-link = 削除前の条文を見る
changes-title = { $policy } 新旧対照表（{ $date }施行）
changes-across-title = { $policy } 新旧対照表（{ $from }施行版と{ $to }施行版）
changes-intro = { $from }施行版から{ $to }施行版への変更箇所です（下線部は追加、取消線部は削除）。
changes-read-old = 改定前の全文
changes-read-new = 改定後の全文
changes-caption = 新旧対照表
changes-place = 改定箇所
changes-before = 改定前
changes-after = 改定後
changes-was = （改定前：{ $label }）
changes-moved-after = （改定前の位置：{ $label }の次）
changes-moved-first = （改定前の位置：冒頭）
changes-none = （新設）
changes-deleted = （削除）
# Read out by screen readers around each highlighted change (not shown).
changes-inserted-start = ［追加］
changes-inserted-end = ［追加ここまで］
changes-removed-start = ［削除］
changes-removed-end = ［削除ここまで］
changes-no-text-change = 条項の本文に変更はありません。
changes-unchanged = 変更のない条項（{ $count }件）
changes-supplementary = 附則
changes-effective = 本改定は、{ $date }から施行します。
changes-announced = 公表日：{ $date }
change-kind-added = 新設
change-kind-removed = 削除
change-kind-changed = 変更
change-kind-moved = 移動
change-kind-renamed = 識別子変更
history-changed = 変更された条項（{ $count }）
banner-see-changes = この改定の変更点
changes-elided = （略）
correction = { $date }訂正：
translation-added = この言語の訳文は、版の施行後の{ $date }に追加されました。それまでは原文を表示していました。
not-found-title = ページが見つかりません
not-found-text = お探しのページは移動したか、存在しません。規約・ポリシーの一覧からお探しください。
og-locale = ja_JP
meta-version = { $policy }（{ $date }施行）。{ $summary }

# The search page.
search-title = 規約・ポリシーの検索
search-link = 検索
search-label = 検索する語句（スペースで区切ると、すべてを含む条項）
search-past = 過去の版も検索する
search-count = { $count }件の条項が見つかりました。
search-more = { $count }件のうち{ $shown }件を表示しています。語句を加えて絞り込むか、続きを表示できます。
search-show-more = 続きを表示
search-none = 見つかりませんでした。
search-failed = 検索の索引を読み込めませんでした。
search-needs-script = 検索にはJavaScriptが必要です。各規約・ポリシーのページをご覧ください。
