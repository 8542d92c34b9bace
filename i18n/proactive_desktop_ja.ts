<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>CampaignWizard</name>
    <message>
        <source>Proactive tickets</source>
        <translation>プロアクティブチケット</translation>
    </message>
</context>
<context>
    <name>ComposePage</name>
    <message>
        <source>Write the ticket</source>
        <translation>チケットを作成</translation>
    </message>
    <message>
        <source>Every selected customer gets one ticket with this content. Placeholders are replaced with each customer&apos;s own details.</source>
        <translation>選択した顧客それぞれに、この内容のチケットを1件ずつ作成します。プレースホルダーは顧客ごとの情報に置き換えられます。</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>キャンペーン</translation>
    </message>
    <message>
        <source>For example: Renewal November 2026</source>
        <translation>例: 2026年11月 更新のご案内</translation>
    </message>
    <message>
        <source>Campaign name:</source>
        <translation>キャンペーン名:</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>件名:</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>HTML</source>
        <translation>HTML</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>形式:</translation>
    </message>
    <message>
        <source>Hello {{user.first_name}},

your plan renews soon…</source>
        <translation>{{user.first_name}} 様

ご契約のプランはまもなく更新されます…</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>メッセージ:</translation>
    </message>
    <message>
        <source>Main text (everybody else)</source>
        <translation>メインの文面（その他の全員）</translation>
    </message>
    <message>
        <source>Add a language…</source>
        <translation>言語を追加…</translation>
    </message>
    <message>
        <source>Write the ticket in another language too: each customer gets the text of their Zendesk language, everybody else the main text.</source>
        <translation>ほかの言語でもチケットを書けます。各顧客には Zendesk の言語設定に合った文面が、それ以外の全員にはメインの文面が届きます。</translation>
    </message>
    <message>
        <source>Public reply (the customer gets an email)</source>
        <translation>公開返信（顧客にメールが届きます）</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>社内メモ</translation>
    </message>
    <message>
        <source>An internal note is visible to agents only: the customer receives no email and will not see the message until an agent replies.</source>
        <translation>社内メモはエージェントにしか表示されません。顧客にはメールが届かず、エージェントが返信するまでメッセージは顧客に表示されません。</translation>
    </message>
    <message>
        <source>Send as:</source>
        <translation>送信方法:</translation>
    </message>
    <message>
        <source>Ticket fields</source>
        <translation>チケットフィールド</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>A ticket created as solved needs every required ticket field filled in; otherwise Zendesk refuses it.</source>
        <translation>「解決済み」で作成するチケットは、必須のチケットフィールドをすべて入力する必要があります。入力されていないと Zendesk に拒否されます。</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>（未設定）</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>緊急</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>質問</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>インシデント</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>タスク</translation>
    </message>
    <message>
        <source>For example: renewal, vip</source>
        <translation>例: renewal, vip</translation>
    </message>
    <message>
        <source>The macro acts after these fields, as when an agent applies it: where both set a field, the macro wins; its tags are added.</source>
        <translation>マクロは、エージェントが適用したときと同じように、これらのフィールドの後で実行されます。同じフィールドを両方で設定した場合はマクロの値が優先され、マクロのタグは追加されます。</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>ステータス:</translation>
    </message>
    <message>
        <source>Priority:</source>
        <translation>優先度:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>タイプ:</translation>
    </message>
    <message>
        <source>Group:</source>
        <translation>グループ:</translation>
    </message>
    <message>
        <source>Assignee:</source>
        <translation>担当者:</translation>
    </message>
    <message>
        <source>Extra tags:</source>
        <translation>追加タグ:</translation>
    </message>
    <message>
        <source>Macro:</source>
        <translation>マクロ:</translation>
    </message>
    <message>
        <source>Contact frequency</source>
        <translation>連絡の頻度</translation>
    </message>
    <message>
        <source>Skip customers who got a proactive ticket from any campaign in the last</source>
        <translation>次の期間内にいずれかのキャンペーンからプロアクティブチケットを受け取った顧客を除外:</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 日</translation>
    </message>
    <message>
        <source>Every campaign&apos;s tickets carry the tag proactive_campaign. The account is checked, so campaigns sent from other computers count too; Preview lists who is skipped and by which campaign.</source>
        <translation>すべてのキャンペーンのチケットには proactive_campaign タグが付きます。アカウント側で確認するため、他のパソコンから送信したキャンペーンも対象になります。除外される顧客と、どのキャンペーンによるものかはプレビューに表示されます。</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>スケジュール</translation>
    </message>
    <message>
        <source>View</source>
        <translation>ビュー</translation>
    </message>
    <message>
        <source>Create a shared view that lists the campaign&apos;s tickets</source>
        <translation>キャンペーンのチケットを一覧表示する共有ビューを作成する</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日本語</translation>
    </message>
    <message>
        <source>Chinese (Simplified)</source>
        <translation>中国語（簡体字）</translation>
    </message>
    <message>
        <source>Chinese (Traditional)</source>
        <translation>中国語（繁体字）</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英語</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>韓国語</translation>
    </message>
    <message>
        <source>German</source>
        <translation>ドイツ語</translation>
    </message>
    <message>
        <source>French</source>
        <translation>フランス語</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>スペイン語</translation>
    </message>
    <message>
        <source>Portuguese (Brazil)</source>
        <translation>ポルトガル語（ブラジル）</translation>
    </message>
    <message>
        <source>Use at least one letter or digit: the name becomes the tickets&apos; tag.</source>
        <translation>文字か数字を1つ以上使ってください。この名前がチケットのタグになります。</translation>
    </message>
    <message>
        <source>Tag: {tag} — checking that no other campaign uses it…</source>
        <translation>タグ: {tag} — 他のキャンペーンで使われていないか確認しています…</translation>
    </message>
    <message>
        <source>A campaign with the tag {tag} already exists on this computer. Choose another name, or open it from the history to resume it.</source>
        <translation>タグ {tag} のキャンペーンがこのコンピューターに既にあります。別の名前にするか、履歴から開いて再開してください。</translation>
    </message>
    <message>
        <source>Tickets in this Zendesk account already carry the tag {tag}. Choose another name so the campaign&apos;s tickets can be told apart.</source>
        <translation>この Zendesk アカウントには、タグ {tag} の付いたチケットが既にあります。キャンペーンのチケットを区別できるよう、別の名前にしてください。</translation>
    </message>
    <message>
        <source>Every ticket will be tagged {tag}.</source>
        <translation>すべてのチケットにタグ {tag} が付きます。</translation>
    </message>
    <message>
        <source>Could not check the name: {reason} Edit the name to try again.</source>
        <translation>名前を確認できませんでした: {reason} 名前を編集すると再試行します。</translation>
    </message>
    <message>
        <source>Loading the account&apos;s statuses, groups and macros…</source>
        <translation>アカウントのステータス、グループ、マクロを読み込んでいます…</translation>
    </message>
    <message>
        <source>Could not load the account&apos;s statuses, groups and macros: {reason}</source>
        <translation>アカウントのステータス、グループ、マクロを読み込めませんでした: {reason}</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>オープン</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>保留中</translation>
    </message>
    <message>
        <source>On-hold</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Solved</source>
        <translation>解決済み</translation>
    </message>
    <message>
        <source>{label} ({category})</source>
        <translation>{label}（{category}）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <source>Choose a group first.</source>
        <translation>先にグループを選んでください。</translation>
    </message>
    <message>
        <source>Loading the group&apos;s agents…</source>
        <translation>グループのエージェントを読み込んでいます…</translation>
    </message>
    <message>
        <source>Could not load the group&apos;s agents: {reason}</source>
        <translation>グループのエージェントを読み込めませんでした: {reason}</translation>
    </message>
    <message>
        <source>Tags added: {tags}</source>
        <translation>追加されるタグ: {tags}</translation>
    </message>
    <message>
        <source>You may not create shared views in this account, so no view will be created. The tickets are still created and tagged; an administrator can give you the permission to manage shared views.</source>
        <translation>このアカウントでは共有ビューを作成する権限がないため、ビューは作成されません。チケットは通常どおり作成され、タグも付きます。共有ビューを管理する権限は管理者が付与できます。</translation>
    </message>
    <message>
        <source>The view appears in Zendesk under Views, for everyone who can see shared views.</source>
        <translation>このビューは Zendesk の「ビュー」に表示され、共有ビューを閲覧できる全員が見られます。</translation>
    </message>
</context>
<context>
    <name>ConnectPage</name>
    <message>
        <source>Connect to Zendesk</source>
        <extracomment>What the administrator enters for the OAuth client (shown verbatim, never translated).</extracomment>
        <translation>Zendesk に接続</translation>
    </message>
    <message>
        <source>acme or https://acme.zendesk.com</source>
        <translation>acme または https://acme.zendesk.com</translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation>you@example.com</translation>
    </message>
    <message>
        <source>Paste your API token</source>
        <translation>API トークンを貼り付け</translation>
    </message>
    <message>
        <source>Remember the token in this computer&apos;s keychain</source>
        <translation>このコンピューターのキーチェーンにトークンを保存する</translation>
    </message>
    <message>
        <source>Agent email:</source>
        <translation>エージェントのメール:</translation>
    </message>
    <message>
        <source>API token:</source>
        <translation>API トークン:</translation>
    </message>
    <message>
        <source>Connect with:</source>
        <translation>接続方法:</translation>
    </message>
    <message>
        <source>Zendesk address:</source>
        <translation>Zendesk のアドレス:</translation>
    </message>
    <message>
        <source>Check connection</source>
        <translation>接続を確認</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>デモを試す</translation>
    </message>
    <message>
        <source>Start a practice account on this computer, with sample customers.</source>
        <translation>サンプルの顧客が入った練習用アカウントをこのコンピューター上で起動します。</translation>
    </message>
    <message>
        <source>Enter the email address you sign in to Zendesk with.</source>
        <translation>Zendesk へのサインインに使うメールアドレスを入力してください。</translation>
    </message>
    <message>
        <source>Enter your API token.</source>
        <translation>API トークンを入力してください。</translation>
    </message>
    <message>
        <source>Checking the connection…</source>
        <translation>接続を確認しています…</translation>
    </message>
    <message>
        <source>Starting the demo account…</source>
        <translation>デモアカウントを起動しています…</translation>
    </message>
    <message>
        <source>Signed in as {name} ({email}), {role}.</source>
        <translation>{name}（{email}）として{role}の権限でサインインしました。</translation>
    </message>
    <message>
        <source>You may create tickets for your customers.</source>
        <translation>顧客のチケットを作成できます。</translation>
    </message>
    <message>
        <source>The token could not be stored in the keychain: {reason}</source>
        <translation>トークンをキーチェーンに保存できませんでした: {reason}</translation>
    </message>
    <message>
        <source>A remembered token was found in the keychain.</source>
        <translation>キーチェーンに保存済みのトークンが見つかりました。</translation>
    </message>
    <message>
        <source>The demo account could not be started: {reason}</source>
        <translation>デモアカウントを起動できませんでした: {reason}</translation>
    </message>
    <message>
        <source>Sign in with Zendesk</source>
        <translation>Zendesk でサインイン</translation>
    </message>
    <message>
        <source>Enter your Zendesk address, your agent email and your existing API token, then check the connection. Nothing is changed in your account on this page.</source>
        <translation>Zendesk のアドレス、エージェントのメールアドレス、お持ちの API トークンを入力して、接続を確認してください。このページではアカウントの内容は何も変更されません。</translation>
    </message>
    <message>
        <source>Zendesk no longer creates new API tokens. An existing token works until 30 April 2027 — unless nobody uses it for 30 days: then Zendesk switches it off. Sign in with Zendesk instead where you can.</source>
        <translation>Zendesk では新しい API トークンを作成できなくなりました。既存のトークンは 2027 年 4 月 30 日まで使えますが、30 日間だれも使わないと Zendesk によって無効にされます。できるだけ「Zendesk でサインイン」をお使いください。</translation>
    </message>
    <message>
        <source>An existing API token</source>
        <translation>既存の API トークン</translation>
    </message>
    <message>
        <source>I already have an API token</source>
        <translation>API トークンを持っている</translation>
    </message>
    <message>
        <source>Sign in with Zendesk instead</source>
        <translation>代わりに Zendesk でサインイン</translation>
    </message>
    <message>
        <source>Zendesk did not accept the API token saved on this computer. Zendesk has probably switched it off: it does so for a token nobody used for 30 days, and for every token on 30 April 2027. Sign in with Zendesk instead.</source>
        <translation>このコンピューターに保存された API トークンを Zendesk が受け付けませんでした。Zendesk によって無効にされた可能性が高いです（30 日間使われなかったトークンは無効になり、2027 年 4 月 30 日にはすべてのトークンが使えなくなります）。代わりに Zendesk でサインインしてください。</translation>
    </message>
    <message>
        <source>The OAuth client&apos;s unique identifier</source>
        <translation>OAuth クライアントの一意の識別子</translation>
    </message>
    <message>
        <source>Enter your Zendesk address above and press Sign in with Zendesk: your browser opens Zendesk, you sign in there and choose Allow. No set-up in Admin Center is needed.</source>
        <translation>上に Zendesk のアドレスを入力して「Zendesk でサインイン」を押してください。ブラウザーで Zendesk が開くので、そこでサインインして「許可」を選びます。管理センターでの設定は不要です。</translation>
    </message>
    <message>
        <source>Your administrator creates an OAuth client once for the account: in Admin Center, go to Apps and integrations → APIs → Zendesk API → OAuth Clients, choose Add OAuth client, and enter these values:</source>
        <translation>OAuth クライアントは、管理者がアカウントごとに一度作成します。管理センターで「アプリおよびインテグレーション」→「API」→「Zendesk API」→「OAuth クライアント」に移動し、「OAuth クライアントを追加」を選んで、次の値を入力します:</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy the redirect URLs, one per line, to paste them into Admin Center.</source>
        <translation>リダイレクト URL を 1 行に 1 つずつコピーし、管理センターに貼り付けられるようにします。</translation>
    </message>
    <message>
        <source>Client kind:</source>
        <translation>クライアントの種類:</translation>
    </message>
    <message>
        <source>Redirect URLs:</source>
        <translation>リダイレクト URL:</translation>
    </message>
    <message>
        <source>Give it any name (for example Proactive Desktop) and a unique identifier, save it, and enter that identifier above. No secret is needed: a public client proves itself with PKCE. Then press Sign in with Zendesk: your browser opens, you sign in there and choose Allow.</source>
        <translation>任意の名前（例: Proactive Desktop）と一意の識別子を付けて保存し、その識別子を上に入力してください。シークレットは不要です。パブリッククライアントは PKCE で本人確認を行います。その後「Zendesk でサインイン」を押すとブラウザーが開くので、そこでサインインして「許可」を選んでください。</translation>
    </message>
    <message>
        <source>Cancel sign-in</source>
        <translation>サインインを中止</translation>
    </message>
    <message>
        <source>Forget this sign-in…</source>
        <translation>このサインインを削除…</translation>
    </message>
    <message>
        <source>Remove the saved sign-in from this computer&apos;s keychain.</source>
        <translation>保存されたサインイン情報をこのコンピューターのキーチェーンから削除します。</translation>
    </message>
    <message>
        <source>OAuth client identifier:</source>
        <translation>OAuth クライアントの識別子:</translation>
    </message>
    <message>
        <source>The redirect URLs were copied. Paste them into the OAuth client&apos;s form.</source>
        <translation>リダイレクト URL をコピーしました。OAuth クライアントのフォームに貼り付けてください。</translation>
    </message>
    <message>
        <source>Enter your Zendesk address, then sign in with Zendesk in your browser. Nothing is changed in your account on this page.</source>
        <translation>Zendesk のアドレスを入力し、ブラウザーで Zendesk にサインインしてください。このページではアカウントの内容は何も変更されません。</translation>
    </message>
    <message>
        <source>Enter your Zendesk address and your account&apos;s OAuth client, then sign in with Zendesk in your browser. Nothing is changed in your account on this page.</source>
        <translation>Zendesk のアドレスとアカウントの OAuth クライアントを入力してから、ブラウザーで Zendesk にサインインしてください。このページではアカウントに変更は加えられません。</translation>
    </message>
    <message>
        <source>Your browser is opening Zendesk&apos;s sign-in page. Sign in there and choose Allow; this page continues by itself. Press Cancel sign-in to stop.</source>
        <translation>ブラウザーで Zendesk のサインインページを開いています。そこでサインインして「許可」を選ぶと、このページは自動的に先へ進みます。中止するには「サインインを中止」を押してください。</translation>
    </message>
    <message>
        <source>No browser opened. Open this address in your browser: {url}</source>
        <translation>ブラウザーが開きませんでした。次のアドレスをブラウザーで開いてください: {url}</translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>サインインはキャンセルされました。</translation>
    </message>
    <message>
        <source>Checking your saved sign-in…</source>
        <translation>保存済みのサインイン情報を確認しています…</translation>
    </message>
    <message>
        <source>Your sign-in is kept in this computer&apos;s keychain.</source>
        <translation>サインイン情報はこのコンピューターのキーチェーンに保存されています。</translation>
    </message>
    <message>
        <source>This computer has no keychain the program can use, so your sign-in is kept for this session only. You will sign in again next time.</source>
        <translation>このコンピューターには本プログラムが使えるキーチェーンがないため、サインイン情報は今回のセッション中だけ保持されます。次回もう一度サインインしてください。</translation>
    </message>
    <message>
        <source>The sign-in could not be stored in the keychain: {reason}</source>
        <translation>サインイン情報をキーチェーンに保存できませんでした: {reason}</translation>
    </message>
    <message>
        <source>Your sign-in runs out on {date} unless it is used before then. Sign in with Zendesk again now, so that a scheduled campaign does not stop.</source>
        <translation>それまでに使われなければ、サインインは {date} に切れます。予定しているキャンペーンが止まらないよう、今すぐ Zendesk にもう一度サインインしてください。</translation>
    </message>
    <message>
        <source>Your sign-in is kept in this computer&apos;s keychain and holds until {date}; each use renews it.</source>
        <translation>サインインはこのコンピューターのキーチェーンに保存され、{date} まで有効です。使うたびに更新されます。</translation>
    </message>
    <message>
        <source>Forget the sign-in</source>
        <translation>サインインの削除</translation>
    </message>
    <message>
        <source>Remove the sign-in for {email} at {url} from this computer&apos;s keychain? To use this account again, you sign in with Zendesk in your browser.</source>
        <translation>{url} の {email} のサインイン情報をこのコンピューターのキーチェーンから削除しますか？このアカウントを再び使うときは、ブラウザーで Zendesk にサインインします。</translation>
    </message>
    <message>
        <source>The sign-in for {email} at {url} was removed from this computer&apos;s keychain.</source>
        <translation>{url} の {email} のサインイン情報をこのコンピューターのキーチェーンから削除しました。</translation>
    </message>
    <message>
        <source>The sign-in could not be removed from the keychain: {reason}</source>
        <translation>サインイン情報をキーチェーンから削除できませんでした: {reason}</translation>
    </message>
    <message>
        <source>This computer has no keychain the program can use, so your token is kept for this session only. You will be asked for it again next time.</source>
        <translation>このコンピューターには本プログラムが使えるキーチェーンがないため、トークンは今回のセッション中だけ保持されます。次回また入力を求められます。</translation>
    </message>
    <message>
        <source>The keychain is locked: your system may ask you to unlock it.</source>
        <translation>キーチェーンがロックされています。ロック解除を求められることがあります。</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>エージェント</translation>
    </message>
    <message>
        <source>You may create shared views: the campaign will get its own view.</source>
        <translation>共有ビューを作成できます。キャンペーン専用のビューが作成されます。</translation>
    </message>
    <message>
        <source>You may not create shared views: the tickets will be created, but no view listing them. Ask an administrator for this permission if you need one.</source>
        <translation>共有ビューを作成する権限がありません。チケットは作成されますが、それを一覧表示するビューは作成されません。必要な場合は管理者に権限を依頼してください。</translation>
    </message>
    <message>
        <source>Zendesk did not say whether you may create shared views; the program will try.</source>
        <translation>共有ビューを作成できるかどうか Zendesk から回答がありませんでした。作成を試みます。</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>問題が発生しました</translation>
    </message>
    <message>
        <source>The program ran into a problem it did not expect. Your campaign is saved: when you open the program again it resumes where it stopped, and nobody gets a ticket twice.</source>
        <translation>予期しない問題が発生しました。キャンペーンは保存されています。プログラムを再び開くと中断したところから再開し、同じ顧客にチケットが2回作成されることはありません。</translation>
    </message>
    <message>
        <source>The details are also in the log folder: {folder}</source>
        <translation>詳細はログフォルダーにもあります: {folder}</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>詳細をコピー</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>ログフォルダーを開く</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>作業を続ける</translation>
    </message>
    <message>
        <source>Quit the program</source>
        <translation>プログラムを終了</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>コピーしました</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>proactive-desktop stopped after an unexpected error; the campaign is saved and resumes at the next start.</source>
        <translation>予期しないエラーのため proactive-desktop が停止しました。キャンペーンは保存されており、次回起動時に再開します。</translation>
    </message>
</context>
<context>
    <name>CsvReport</name>
    <message>
        <source>{file}: {encoding} text, values separated by commas.</source>
        <translation>{file}: {encoding} のテキスト、区切り文字はカンマ。</translation>
    </message>
    <message>
        <source>{file}: {encoding} text, values separated by semicolons.</source>
        <translation>{file}: {encoding} のテキスト、区切り文字はセミコロン。</translation>
    </message>
    <message>
        <source>{file}: {encoding} text, values separated by tabs.</source>
        <translation>{file}: {encoding} のテキスト、区切り文字はタブ。</translation>
    </message>
    <message>
        <source>Columns: {columns}.</source>
        <translation>列: {columns}。</translation>
    </message>
    <message>
        <source>Rows with an email or id: {rows}; distinct customers: {distinct}; repeated rows left out: {repeats}.</source>
        <translation>メールアドレスまたは ID のある行: {rows}、異なる顧客: {distinct}、除外した重複行: {repeats}。</translation>
    </message>
    <message>
        <source>Rows without an email or id, left out: {rows}.</source>
        <translation>メールアドレスも ID もないため除外した行: {rows}。</translation>
    </message>
    <message>
        <source>Rows whose id is not a number, matched by their email instead: {rows}.</source>
        <translation>ID が数字でないため、メールアドレスで照合した行: {rows}。</translation>
    </message>
    <message>
        <source>Emails that match no customer: {count}.</source>
        <translation>どの顧客とも一致しないメールアドレス: {count}。</translation>
    </message>
</context>
<context>
    <name>CustomerTableModel</name>
    <message>
        <source>Yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>No</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Ticked customers get a ticket</source>
        <translation>チェックを付けた顧客にチケットが作成されます</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>メール</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>組織</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <source>less than a minute</source>
        <translation>1分未満</translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s)</source>
        <translation>
            <numerusform>約%Ln分</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n hour(s)</source>
        <translation>
            <numerusform>約%Ln時間</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%Ln時間</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%Ln分</numerusform>
        </translation>
    </message>
    <message>
        <source>about {hours} {minutes}</source>
        <translation>約{hours}{minutes}</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <source>The account&apos;s triggers could not be read, so nobody can say which of them will act on these tickets: ask an admin to check them.</source>
        <translation>アカウントのトリガーを読み取れなかったため、どのトリガーがこれらのチケットに作用するか分かりません。管理者に確認を依頼してください。</translation>
    </message>
    <message>
        <source>Triggers that email the customer will or may act on these tickets: {titles}.</source>
        <translation>顧客にメールを送るトリガーが、これらのチケットに作用します（または作用する可能性があります）: {titles}。</translation>
    </message>
    <message>
        <source>The tickets are internal notes: customers get no email about them.</source>
        <translation>チケットは社内メモです。顧客にはメールが届きません。</translation>
    </message>
    <message>
        <source>Tickets created as solved need every required ticket field filled: {fields}.</source>
        <translation>「解決済み」で作成するチケットには、すべての必須チケットフィールドの入力が必要です: {fields}。</translation>
    </message>
    <message>
        <source>{count} customers will get a ticket: more than {limit} is a lot for a team to answer, and may look like spam.</source>
        <translation>{count} 人の顧客にチケットが作成されます。{limit} 件を超えるとチームが対応しきれないおそれがあり、スパムと見なされることもあります。</translation>
    </message>
    <message>
        <source>The macro adds a comment, so every ticket needs an update after it is created; Zendesk allows 100 updates a minute, so this takes about {minutes} minutes.</source>
        <translation>マクロがコメントを追加するため、各チケットは作成後に更新が必要です。Zendesk で許可される更新は1分あたり100件なので、約 {minutes} 分かかります。</translation>
    </message>
    <message>
        <source>The view was not created: this agent may not manage shared views ({zendesk_message}).</source>
        <translation>ビューは作成されませんでした。このエージェントには共有ビューを管理する権限がありません（{zendesk_message}）。</translation>
    </message>
    <message>
        <source>The view was not created: {error}</source>
        <translation>ビューは作成されませんでした: {error}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Both {api} and {oauth} are set: set only one of them.</source>
        <translation>{api} と {oauth} の両方が設定されています。どちらか一方だけを設定してください。</translation>
    </message>
    <message>
        <source>The campaign file&apos;s email is {email}, but {url} is signed in as {signed_in}: change connection.email, or sign in as {email} with {prog} login {url}.</source>
        <translation>キャンペーンファイルのメールアドレスは {email} ですが、{url} には {signed_in} としてサインインしています。connection.email を変更するか、{prog} login {url} で {email} としてサインインしてください。</translation>
    </message>
    <message>
        <source>No sign-in or token for {email} at {url}: sign in with {prog} login {url} (or in the wizard), or set {api} or {oauth}.</source>
        <translation>{url} の {email} のサインインもトークンもありません。{prog} login {url}（またはウィザード）でサインインするか、{api} か {oauth} を設定してください。</translation>
    </message>
    <message>
        <source>{path} is a folder: name the CSV file to write.</source>
        <translation>{path} はフォルダーです。書き込む CSV ファイルの名前を指定してください。</translation>
    </message>
    <message>
        <source>The folder of {path} does not exist.</source>
        <translation>{path} のフォルダーが存在しません。</translation>
    </message>
    <message>
        <source>{path} cannot be written: {reason}</source>
        <translation>{path} に書き込めません: {reason}</translation>
    </message>
    <message>
        <source>The sandbox cannot listen on port {port}: {reason}</source>
        <translation>サンドボックスがポート {port} で待ち受けできません: {reason}</translation>
    </message>
    <message>
        <source>--note goes with --solve: deleted tickets keep no note.</source>
        <translation>--note は --solve と一緒に指定します。削除したチケットにはメモは残りません。</translation>
    </message>
    <message>
        <source>Cannot read the campaign file {path}: {reason}</source>
        <translation>キャンペーンファイル {path} を読み込めません: {reason}</translation>
    </message>
    <message>
        <source>The campaign file {path} is not UTF-8 text.</source>
        <translation>キャンペーンファイル {path} は UTF-8 のテキストではありません。</translation>
    </message>
    <message>
        <source>The campaign file {path} is not valid TOML: {reason}</source>
        <translation>キャンペーンファイル {path} は有効な TOML ではありません: {reason}</translation>
    </message>
    <message>
        <source>The campaign file {path} is nested too deeply to be a campaign file.</source>
        <translation>キャンペーンファイル {path} は入れ子が深すぎるため、キャンペーンファイルとして読み込めません。</translation>
    </message>
    <message>
        <source>connection.url: {reason}</source>
        <translation>connection.url: {reason}</translation>
    </message>
    <message>
        <source>connection.email: &quot;{email}&quot; is not an email address.</source>
        <translation>connection.email: 「{email}」はメールアドレスではありません。</translation>
    </message>
    <message>
        <source>campaign.name: &quot;{name}&quot; has no letter or digit, so it cannot become a tag.</source>
        <translation>campaign.name: 「{name}」には文字も数字も含まれていないため、タグにできません。</translation>
    </message>
    <message>
        <source>recipients.create_missing: customers can only be created from a CSV list; add recipients.csv.</source>
        <translation>recipients.create_missing: 顧客を作成できるのは CSV リストからだけです。recipients.csv を指定してください。</translation>
    </message>
    <message>
        <source>recipients: give at least one source of customers: query, user_ids or csv.</source>
        <translation>recipients: 顧客の取得元を少なくとも1つ指定してください（query、user_ids、csv のいずれか）。</translation>
    </message>
    <message>
        <source>ticket.tags: &quot;{tag}&quot; (item {number}) has no letter or digit.</source>
        <translation>ticket.tags: 「{tag}」（{number} 番目の項目）には文字も数字も含まれていません。</translation>
    </message>
    <message>
        <source>{key}: expected sections such as [ticket.translations.ja], not a single value.</source>
        <translation>{key}: 単一の値ではなく、[ticket.translations.ja] のようなセクションが必要です。</translation>
    </message>
    <message>
        <source>{key}: &quot;{language}&quot; is not a language such as ja, zh-cn or en-us.</source>
        <translation>{key}: 「{language}」は ja、zh-cn、en-us のような言語ではありません。</translation>
    </message>
    <message>
        <source>{key}: the language {language} is given twice.</source>
        <translation>{key}: 言語 {language} が 2 回指定されています。</translation>
    </message>
    <message>
        <source>{key}: expected a section [{key}], not a single value.</source>
        <translation>{key}: 単一の値ではなく、セクション [{key}] が必要です。</translation>
    </message>
    <message>
        <source>{key}: expected a whole number of tickets above 0, found {found}.</source>
        <translation>{key}: 0 より大きいチケット数（整数）を指定してください。指定値: {found}。</translation>
    </message>
    <message>
        <source>{key}: &quot;{found}&quot; is not a window of hours such as &quot;09:00-17:00&quot; (the start before the end, within one day).</source>
        <translation>{key}: 「{found}」は「09:00-17:00」のような時間帯ではありません（開始は終了より前で、1 日の範囲内）。</translation>
    </message>
    <message>
        <source>{key}: &quot;{found}&quot; is not one of {allowed}.</source>
        <translation>{key}: 「{found}」は {allowed} のいずれでもありません。</translation>
    </message>
    <message>
        <source>{key}: name at least one day (or leave it out).</source>
        <translation>{key}: 曜日を 1 つ以上指定してください（または項目ごと省略してください）。</translation>
    </message>
    <message>
        <source>{key}: expected a date and time such as &quot;2026-12-07T09:00:00+09:00&quot;, found {found}.</source>
        <translation>{key}: 「2026-12-07T09:00:00+09:00」のような日時を指定してください。指定値: {found}。</translation>
    </message>
    <message>
        <source>The section [{key}] is missing.</source>
        <translation>セクション [{key}] がありません。</translation>
    </message>
    <message>
        <source>{key}: unknown key; did you mean &quot;{suggestion}&quot;?</source>
        <translation>{key}: 不明なキーです。「{suggestion}」のことですか？</translation>
    </message>
    <message>
        <source>{key}: unknown key; known keys: {known}.</source>
        <translation>{key}: 不明なキーです。使用できるキー: {known}。</translation>
    </message>
    <message>
        <source>{key}: expected {expected}, found {found}.</source>
        <translation>{key}: {expected} が必要ですが、{found} が指定されています。</translation>
    </message>
    <message>
        <source>{key} is empty.</source>
        <translation>{key} が空です。</translation>
    </message>
    <message>
        <source>{key} is missing.</source>
        <translation>{key} がありません。</translation>
    </message>
    <message>
        <source>{key}: the list contains an empty text.</source>
        <translation>{key}: リストに空の文字列が含まれています。</translation>
    </message>
    <message>
        <source>{key}: expected a whole number from 1 to {maximum}, found {found}.</source>
        <translation>{key}: 1 から {maximum} までの整数が必要ですが、{found} でした。</translation>
    </message>
    <message>
        <source>{key}: expected a numeric id, found {found}.</source>
        <translation>{key}: 数値の ID が必要ですが、{found} が指定されています。</translation>
    </message>
    <message>
        <source>{key}: {value} is not a valid id (must be above 0).</source>
        <translation>{key}: {value} は有効な ID ではありません（0 より大きい必要があります）。</translation>
    </message>
    <message>
        <source>{key}: {found} is not one of {allowed}.</source>
        <translation>{key}: {found} は {allowed} のいずれでもありません。</translation>
    </message>
    <message>
        <source>The campaign name must contain a letter or digit.</source>
        <translation>キャンペーン名には文字か数字を含めてください。</translation>
    </message>
    <message>
        <source>The name &quot;{name}&quot; makes the tag {tag}, which marks every proactive ticket. Choose another name.</source>
        <translation>名前「{name}」からはタグ {tag} が作られますが、このタグはすべてのプロアクティブチケットに使われています。別の名前を選んでください。</translation>
    </message>
    <message>
        <source>Campaign &quot;{name}&quot; was started with a different definition ({keys}). A campaign cannot change halfway: use a new name.</source>
        <translation>キャンペーン「{name}」は別の定義（{keys}）で開始されています。キャンペーンは途中で変更できません。新しい名前を使ってください。</translation>
    </message>
    <message>
        <source>The name &quot;{name}&quot; makes the tag {tag}, which campaign &quot;{other}&quot; already uses. Choose another name.</source>
        <translation>名前「{name}」からできるタグ {tag} は、キャンペーン「{other}」で既に使われています。別の名前にしてください。</translation>
    </message>
    <message>
        <source>Tickets tagged {tag} already exist in the account: the name &quot;{name}&quot; is taken. Choose another name.</source>
        <translation>タグ {tag} の付いたチケットがアカウントに既にあるため、名前「{name}」は使えません。別の名前にしてください。</translation>
    </message>
    <message>
        <source>There is no group {group_id} in the account.</source>
        <translation>アカウントにグループ {group_id} はありません。</translation>
    </message>
    <message>
        <source>The assignee {assignee_id} is not an active agent (of the chosen group, when one is set).</source>
        <translation>担当者 {assignee_id} は有効なエージェントではありません（グループを指定した場合は、そのグループの有効なエージェントである必要があります）。</translation>
    </message>
    <message>
        <source>There is no active custom status {custom_status_id}.</source>
        <translation>有効なカスタムステータス {custom_status_id} はありません。</translation>
    </message>
    <message>
        <source>There is no active macro {macro_id}.</source>
        <translation>有効なマクロ {macro_id} はありません。</translation>
    </message>
    <message>
        <source>There is no campaign named &quot;{name}&quot; in the journal.</source>
        <translation>記録に「{name}」という名前のキャンペーンはありません。</translation>
    </message>
    <message>
        <source>Campaign &quot;{name}&quot; was withdrawn: it is not sent again. Use a new name.</source>
        <translation>キャンペーン「{name}」は取り下げ済みのため、再送信されません。新しい名前を使ってください。</translation>
    </message>
    <message>
        <source>Campaign &quot;{name}&quot; belongs to {url}, not to {other}.</source>
        <translation>キャンペーン「{name}」は {other} ではなく {url} のものです。</translation>
    </message>
    <message>
        <source>The data folder {folder} cannot be written ({reason}). Campaigns in it can be looked at and exported, but nothing can be sent until it can be written.</source>
        <translation>データフォルダー {folder} に書き込めません ({reason})。中のキャンペーンの確認とエクスポートはできますが、書き込めるようになるまで送信はできません。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>キャンセルしました。</translation>
    </message>
    <message>
        <source>The disk that holds {path} is full, so the campaign journal cannot record more. Free some space, then run the same command again to resume.</source>
        <translation>{path} のあるディスクがいっぱいのため、キャンペーンの記録をこれ以上書き込めません。空き容量を確保してから同じコマンドをもう一度実行すると、再開します。</translation>
    </message>
    <message>
        <source>The campaign journal {path} is damaged ({error}). Keep a copy of it, and ask for help before sending again: it is what prevents duplicate tickets.</source>
        <translation>キャンペーンの記録 {path} が壊れています（{error}）。コピーを保管し、再送信する前にサポートに相談してください。この記録がチケットの重複を防いでいます。</translation>
    </message>
    <message>
        <source>The campaign journal {path} cannot be read or written ({error}). Check the disk and the folder, then run the same command again to resume.</source>
        <translation>キャンペーンの記録 {path} を読み書きできません（{error}）。ディスクとフォルダーを確認してから同じコマンドをもう一度実行すると、再開します。</translation>
    </message>
    <message>
        <source>Campaign &quot;{name}&quot; is being sent by the wizard (PID {pid}); it goes on undisturbed. Try again when it has stopped.</source>
        <translation>キャンペーン「{name}」はウィザード (PID {pid}) が送信中です。その送信はそのまま続きます。終わってからもう一度お試しください。</translation>
    </message>
    <message>
        <source>Campaign &quot;{name}&quot; is being sent by a command (PID {pid}); it goes on undisturbed. Try again when it has stopped.</source>
        <translation>キャンペーン「{name}」はコマンド (PID {pid}) が送信中です。その送信はそのまま続きます。終わってからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The campaign journal {path} cannot be read: {error}</source>
        <translation>キャンペーンの記録 {path} を読み込めません: {error}</translation>
    </message>
    <message>
        <source>Campaign &quot;{name}&quot; was started a moment ago by another program using this data folder. It sends the campaign; to follow it, wait and run the same command again (it resumes).</source>
        <translation>キャンペーン「{name}」は、同じデータフォルダーを使う別のプログラムがたった今開始しました。送信はそちらで行われます。様子を見るには、しばらく待ってから同じコマンドをもう一度実行してください（再開されます）。</translation>
    </message>
    <message>
        <source>Campaign &quot;{name}&quot; cannot be sent from the data folder {folder}: the folder does not support file locks ({reason}). Choose a data folder on this computer&apos;s own disk.</source>
        <translation>キャンペーン「{name}」はデータフォルダー {folder} から送信できません。このフォルダーはファイルのロックに対応していません ({reason})。このコンピューター自身のディスク上のデータフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>Campaign &quot;{name}&quot; is being sent by another running program.</source>
        <translation>キャンペーン「{name}」は、実行中の別のプログラムが送信しています。</translation>
    </message>
    <message>
        <source>recipients.csv: {path}: the quote that opens on row {rows} is never closed, so every row after it would be lost. Fix that row (or save the file again from Excel) and try again.</source>
        <translation>recipients.csv: {path}: {rows} 行目で始まる引用符が閉じられていないため、それ以降の行がすべて失われます。その行を修正する（または Excel で保存し直す）してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>recipients.csv: {path}: a quote on row {rows} runs over the next lines, which would be read as part of that row and lost. Fix the quotes on that row and try again.</source>
        <translation>recipients.csv: {path}: {rows} 行目の引用符が次の行まで続いているため、それらの行はその行の一部として読まれ、失われます。その行の引用符を修正して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>recipients.csv: {path}: row {rows} has a quote in the wrong place ({problem}). Fix that row and try again.</source>
        <translation>recipients.csv: {path}: {rows} 行目の引用符の位置が正しくありません（{problem}）。その行を修正して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>recipients.csv: {path}: some rows have more cells than the header has columns (rows: {rows}). A separator inside a value that is not in quotes? Their columns would be wrong.</source>
        <translation>recipients.csv: {path}: 見出しの列数より多くのセルがある行があります（行: {rows}）。引用符で囲まれていない値の中に区切り文字がありませんか？ そのままでは列がずれてしまいます。</translation>
    </message>
    <message>
        <source>recipients.csv: {path}: some rows have an id that is not a number and no email to fall back on (rows: {rows}). Correct the ids or add the emails.</source>
        <translation>recipients.csv: {path}: ID が数字でなく、代わりに使えるメールアドレスもない行があります（行: {rows}）。ID を修正するか、メールアドレスを追加してください。</translation>
    </message>
    <message>
        <source>recipients.csv: {path}: some rows have a cell longer than {limit} characters (rows: {rows}); that is not a customer list. Check that this is the right file.</source>
        <translation>recipients.csv: {path}: {limit} 文字を超えるセルがある行があります（行: {rows}）。顧客リストとは思えません。正しいファイルか確認してください。</translation>
    </message>
    <message>
        <source>recipients.csv: {path} is larger than {limit_mb} MB, more than a customer list can be. Check that this is the right file, or split the list.</source>
        <translation>recipients.csv: {path} は {limit_mb} MB を超えており、顧客リストとしては大きすぎます。正しいファイルか確認するか、リストを分割してください。</translation>
    </message>
    <message>
        <source>recipients.csv: {path} is not a regular file (a folder or a device?).</source>
        <translation>recipients.csv: {path} は通常のファイルではありません（フォルダーまたはデバイスでは？）。</translation>
    </message>
    <message>
        <source>recipients.csv: cannot read {path}: {reason}</source>
        <translation>recipients.csv: {path} を読み込めません: {reason}</translation>
    </message>
    <message>
        <source>recipients.csv: {path} is not readable text. Save it from Excel as &quot;CSV UTF-8&quot; (or as CSV in a Japanese or Chinese encoding) and try again.</source>
        <translation>recipients.csv: {path} は読み取れるテキストではありません。Excel で「CSV UTF-8」（または日本語か中国語のエンコードの CSV）として保存し直してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>recipients.csv: {path} is empty.</source>
        <translation>recipients.csv: {path} は空です。</translation>
    </message>
    <message>
        <source>recipients.csv: {path} has no column named email or id in its first line.</source>
        <translation>recipients.csv: {path} の1行目に email または id という名前の列がありません。</translation>
    </message>
    <message>
        <source>recipients.exclude_campaigns: no campaign &quot;{campaign}&quot; is known, neither in this computer&apos;s journal nor as tickets tagged &quot;{tag}&quot; in the account. Check the name.</source>
        <translation>recipients.exclude_campaigns: キャンペーン「{campaign}」は、このコンピューターの記録にも、アカウント内のタグ「{tag}」のチケットとしても見つかりません。名前を確認してください。</translation>
    </message>
    <message>
        <source>The placeholder starting with &quot;{fragment}&quot; is not written correctly: use {{{{user.name}}}} or {{{{user.name | default: &quot;text&quot;}}}}.</source>
        <translation>「{fragment}」で始まるプレースホルダーの書き方が正しくありません。{{{{user.name}}}} または {{{{user.name | default: &quot;text&quot;}}}} の形で書いてください。</translation>
    </message>
    <message>
        <source>The placeholder {placeholder} names a user field &quot;{field}&quot; that the account does not have.</source>
        <translation>プレースホルダー {placeholder} のユーザーフィールド「{field}」はアカウントにありません。</translation>
    </message>
    <message>
        <source>The placeholder {placeholder} names an organization field &quot;{field}&quot; that the account does not have.</source>
        <translation>プレースホルダー {placeholder} の組織フィールド「{field}」はアカウントにありません。</translation>
    </message>
    <message>
        <source>Unknown placeholder {placeholder}.</source>
        <translation>不明なプレースホルダー {placeholder} です。</translation>
    </message>
    <message>
        <source>The placeholder {placeholder} names a column of a CSV list, but the campaign has no CSV list.</source>
        <translation>プレースホルダー {placeholder} は CSV リストの列を指していますが、このキャンペーンには CSV リストがありません。</translation>
    </message>
    <message>
        <source>The placeholder {placeholder} names a column &quot;{column}&quot; that the CSV file does not have (its columns: {columns}).</source>
        <translation>プレースホルダー {placeholder} は CSV ファイルにない列「{column}」を指しています（ファイルの列: {columns}）。</translation>
    </message>
    <message>
        <source>The OAuth access token has expired and cannot be renewed here: sign in again or provide a new token.</source>
        <translation>OAuth アクセストークンの有効期限が切れており、ここでは更新できません。もう一度サインインするか、新しいトークンを指定してください。</translation>
    </message>
    <message>
        <source>Enter the email address you sign in to Zendesk with.</source>
        <translation>Zendesk へのサインインに使うメールアドレスを入力してください。</translation>
    </message>
    <message>
        <source>Enter an API token for {email}.</source>
        <translation>{email} の API トークンを入力してください。</translation>
    </message>
    <message>
        <source>The keychain is locked: unlock it and try again.</source>
        <translation>キーチェーンがロックされています。ロックを解除してからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The keychain could not be read ({reason}).</source>
        <translation>キーチェーンを読み込めませんでした（{reason}）。</translation>
    </message>
    <message>
        <source>No secure keychain is available on this computer, so the token was not saved. You will be asked for it next time.</source>
        <translation>このコンピューターでは安全なキーチェーンを使えないため、トークンは保存されませんでした。次回また入力を求められます。</translation>
    </message>
    <message>
        <source>The keychain refused to save the token ({reason}).</source>
        <translation>キーチェーンがトークンの保存を拒否しました（{reason}）。</translation>
    </message>
    <message>
        <source>The keychain refused to delete the token ({reason}).</source>
        <translation>キーチェーンがトークンの削除を拒否しました（{reason}）。</translation>
    </message>
    <message>
        <source>Enter your Zendesk subdomain or address.</source>
        <translation>Zendesk のサブドメインまたはアドレスを入力してください。</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not a Zendesk subdomain: use letters, digits and hyphens, as in acme or https://acme.zendesk.com.</source>
        <translation>「{text}」は Zendesk のサブドメインではありません。acme や https://acme.zendesk.com のように、英字、数字、ハイフンを使ってください。</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not a valid address.</source>
        <translation>「{text}」は有効なアドレスではありません。</translation>
    </message>
    <message>
        <source>The address must not contain a user name or password.</source>
        <translation>アドレスにユーザー名やパスワードを含めないでください。</translation>
    </message>
    <message>
        <source>Enter only the account address, without a path: for example &quot;{example}&quot;.</source>
        <translation>パスを付けずにアカウントのアドレスだけを入力してください（例: 「{example}」）。</translation>
    </message>
    <message>
        <source>Plain http:// is refused for {host}: the token would travel unencrypted. Use https://.</source>
        <translation>{host} への暗号化されていない http:// 接続は使えません。トークンが暗号化されずに送信されるためです。https:// を使ってください。</translation>
    </message>
    <message>
        <source>Sign in to Zendesk first: no OAuth token is set.</source>
        <translation>先に Zendesk にサインインしてください。OAuth トークンが設定されていません。</translation>
    </message>
    <message>
        <source>{email} is not an agent or administrator on {host}: sign in with an account that may create tickets.</source>
        <translation>{email} は {host} のエージェントでも管理者でもありません。チケットを作成できるアカウントでサインインしてください。</translation>
    </message>
    <message>
        <source>Zendesk sent an answer that could not be read ({status_code}).</source>
        <translation>Zendesk から読み取れない応答が返されました（{status_code}）。</translation>
    </message>
    <message>
        <source>Zendesk no longer knows the job {job_id}.</source>
        <translation>ジョブ {job_id} は Zendesk にもう存在しません。</translation>
    </message>
    <message>
        <source>{host} sent an answer larger than {megabytes} MB to {request}; it was not read.</source>
        <translation>{host} から {request} への応答が {megabytes} MB を超えたため、読み込みませんでした。</translation>
    </message>
    <message>
        <source>Stopped while waiting for the answer of {host} to {request}.</source>
        <translation>{request} に対する {host} の応答を待っている間に停止しました。</translation>
    </message>
    <message>
        <source>{host} did not send its whole answer within {seconds} seconds.</source>
        <translation>{host} は {seconds} 秒以内に応答をすべて返しませんでした。</translation>
    </message>
    <message>
        <source>Zendesk&apos;s list at {path} does not end: its pages repeat.</source>
        <translation>{path} の Zendesk のリストが終わりません。同じページが繰り返されています。</translation>
    </message>
    <message>
        <source>Zendesk did not accept the sign-in for {host}: sign in again.</source>
        <translation>Zendesk が {host} へのサインインを受け付けませんでした。もう一度サインインしてください。</translation>
    </message>
    <message>
        <source>Zendesk did not accept the email address and API token for {host}. Check both, and that token access is turned on in Admin Center. A token that worked before was probably switched off by Zendesk (it does so after 30 days unused): sign in with Zendesk instead.</source>
        <translation>Zendesk が {host} のメールアドレスと API トークンを受け付けませんでした。両方を確認し、管理センターでトークンアクセスが有効になっていることも確認してください。以前は使えていたトークンなら、Zendesk によって無効にされた可能性が高いです（30 日間使われないと無効になります）。代わりに Zendesk でサインインしてください。</translation>
    </message>
    <message>
        <source>Zendesk&apos;s search shows at most {cap} results. Load the whole segment with the export search instead.</source>
        <translation>Zendesk の検索で表示できる結果は最大 {cap} 件です。代わりにエクスポート検索でセグメント全体を読み込んでください。</translation>
    </message>
    <message>
        <source>Zendesk did not allow this ({request}): {zendesk_message}</source>
        <translation>Zendesk がこの操作を許可しませんでした（{request}）: {zendesk_message}</translation>
    </message>
    <message>
        <source>Zendesk found nothing at {request}.</source>
        <translation>Zendesk の {request} には何も見つかりませんでした。</translation>
    </message>
    <message>
        <source>Zendesk refused a repeated request because its content changed since the first attempt (same idempotency key, different body).</source>
        <translation>最初の試行から内容が変わったため、Zendesk が再送信されたリクエストを拒否しました（同じ冪等キーで本文が異なります）。</translation>
    </message>
    <message>
        <source>Zendesk refused the request ({request}): {details}</source>
        <translation>Zendesk がリクエストを拒否しました（{request}）: {details}</translation>
    </message>
    <message>
        <source>Zendesk&apos;s rate limit is still exhausted; it asked to wait {retry_after_s} seconds.</source>
        <translation>Zendesk のレート制限にまだ達しています。{retry_after_s} 秒待つよう指示されました。</translation>
    </message>
    <message>
        <source>Zendesk had a problem ({status_code}) answering {request}.</source>
        <translation>Zendesk で {request} への応答中に問題が発生しました（{status_code}）。</translation>
    </message>
    <message>
        <source>Zendesk answered {status_code} to {request}: {zendesk_message}</source>
        <translation>Zendesk が {request} に {status_code} を返しました: {zendesk_message}</translation>
    </message>
    <message>
        <source>Could not connect to {host}. Check the address and your network connection.</source>
        <translation>{host} に接続できませんでした。アドレスとネットワーク接続を確認してください。</translation>
    </message>
    <message>
        <source>Connecting to {host} timed out. Check your network connection.</source>
        <translation>{host} への接続がタイムアウトしました。ネットワーク接続を確認してください。</translation>
    </message>
    <message>
        <source>The secure connection to {host} failed: its certificate is not trusted by this computer, or something on the network interfered.</source>
        <translation>{host} への安全な接続に失敗しました。証明書がこのコンピューターで信頼されていないか、ネットワーク上で何かが接続を妨げています。</translation>
    </message>
    <message>
        <source>The proxy server refused the connection to {host}.</source>
        <translation>プロキシサーバーが {host} への接続を拒否しました。</translation>
    </message>
    <message>
        <source>{host} did not answer within {seconds} seconds.</source>
        <translation>{host} から {seconds} 秒以内に応答がありませんでした。</translation>
    </message>
    <message>
        <source>The connection to {host} was lost before Zendesk answered.</source>
        <translation>Zendesk が応答する前に {host} との接続が切れました。</translation>
    </message>
    <message>
        <source>The request to {host} failed before Zendesk answered.</source>
        <translation>Zendesk が応答する前に {host} へのリクエストが失敗しました。</translation>
    </message>
    <message>
        <source>There is no saved sign-in for {url} as {email}. Start a new campaign and connect to that account first, then open the history again.</source>
        <translation>{url} に {email} としてサインインした情報が保存されていません。まず新しいキャンペーンを開始してそのアカウントに接続してから、もう一度履歴を開いてください。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. The details are in the log; please try again.</source>
        <translation>予期しない問題が発生しました。詳細はログに記録されています。もう一度お試しください。</translation>
    </message>
    <message>
        <source>The sign-in was declined in the browser, so the program has no access to Zendesk. Sign in again and choose Allow.</source>
        <translation>ブラウザーでサインインが拒否されたため、Zendesk にアクセスできません。もう一度サインインして「許可」を選んでください。</translation>
    </message>
    <message>
        <source>The browser did not come back within {minutes} minutes, so the sign-in was stopped. If you closed the browser window, press Sign in with Zendesk again.</source>
        <translation>{minutes} 分以内にブラウザーから応答がなかったため、サインインを中止しました。ブラウザーのウィンドウを閉じた場合は、もう一度「Zendesk でサインイン」を押してください。</translation>
    </message>
    <message>
        <source>Within {minutes} minutes only answers from a different sign-in than the one started here arrived, and they were ignored for your safety. Close other sign-in pages in your browser and sign in again.</source>
        <translation>{minutes} 分以内に届いたのは、ここで始めたものとは別のサインインからの応答だけだったため、安全のために無視しました。ブラウザーのほかのサインインページを閉じて、もう一度サインインしてください。</translation>
    </message>
    <message>
        <source>The sign-in needs one of the addresses {addresses} on this computer, and other programs are using all of them. Close the other program (perhaps another sign-in of Proactive Desktop) and try again.</source>
        <translation>サインインには、このコンピューターのアドレス {addresses} のいずれかが必要ですが、すべてほかのプログラムが使用中です。そのプログラム（Proactive Desktop の別のサインインかもしれません）を閉じて、もう一度お試しください。</translation>
    </message>
    <message>
        <source>This copy of the program has no OAuth client of its own: name your account&apos;s OAuth client (on the command line with --client-id).</source>
        <translation>このプログラムには専用の OAuth クライアントが組み込まれていません。アカウントの OAuth クライアントを指定してください（コマンドラインでは --client-id）。</translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>サインインはキャンセルされました。</translation>
    </message>
    <message>
        <source>Enter the identifier of your account&apos;s OAuth client (Admin Center → Apps and integrations → APIs → Zendesk API → OAuth Clients).</source>
        <translation>アカウントの OAuth クライアントの識別子を入力してください（管理センター →「アプリおよびインテグレーション」→「API」→「Zendesk API」→「OAuth クライアント」）。</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not an OAuth client identifier: copy the Identifier field of the OAuth client.</source>
        <translation>「{text}」は OAuth クライアントの識別子ではありません。OAuth クライアントの「識別子」フィールドの値をコピーしてください。</translation>
    </message>
    <message>
        <source>Zendesk did not complete the sign-in: {zendesk_message}</source>
        <translation>Zendesk がサインインを完了しませんでした: {zendesk_message}</translation>
    </message>
    <message>
        <source>The browser came back without an authorization code. Press Sign in with Zendesk again.</source>
        <translation>ブラウザーから認可コードが返されませんでした。もう一度「Zendesk でサインイン」を押してください。</translation>
    </message>
    <message>
        <source>Zendesk could not sign you in right now ({status_code}). Try again.</source>
        <translation>現在 Zendesk にサインインできません（{status_code}）。もう一度お試しください。</translation>
    </message>
    <message>
        <source>Zendesk&apos;s answer to the sign-in had no access token.</source>
        <translation>Zendesk のサインインの応答にアクセストークンが含まれていませんでした。</translation>
    </message>
    <message>
        <source>Zendesk does not know this OAuth client ({reason}). Check the identifier, and that the client&apos;s kind is Public and its redirect URLs are the three the Connect page lists.</source>
        <translation>Zendesk はこの OAuth クライアントを認識していません（{reason}）。識別子と、クライアントの種類が「パブリック」で、リダイレクト URL が接続ページに表示される 3 つであることを確認してください。</translation>
    </message>
    <message>
        <source>Zendesk refused the sign-in ({reason}). Press Sign in with Zendesk again.</source>
        <translation>Zendesk がサインインを拒否しました（{reason}）。もう一度「Zendesk でサインイン」を押してください。</translation>
    </message>
    <message>
        <source>Your Zendesk sign-in has ended and could not be renewed ({reason}). Sign in with Zendesk again (on the Connect page, or with: proactive-desktop login {url}), then resume the campaign: nothing is sent twice.</source>
        <translation>Zendesk のサインインが切れ、更新できませんでした（{reason}）。もう一度 Zendesk にサインインしてから（接続ページ、または proactive-desktop login {url} で）、キャンペーンを再開してください。二重に送信されることはありません。</translation>
    </message>
    <message>
        <source>Another program on this computer has been renewing the Zendesk sign-in for {seconds} seconds without finishing. Try again in a moment.</source>
        <translation>このコンピューターの別のプログラムが {seconds} 秒前から Zendesk のサインインを更新していて、まだ終わっていません。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The saved sign-in is no longer in the keychain.</source>
        <translation>保存されていたサインイン情報がキーチェーンにありません。</translation>
    </message>
    <message>
        <source>No secure keychain is available on this computer, so a sign-in cannot be kept for later commands. Nothing was kept.</source>
        <translation>このコンピューターでは安全なキーチェーンを使えないため、後のコマンドのためにサインインを保存できません。何も保存されていません。</translation>
    </message>
    <message>
        <source>No customer of this campaign would get a ticket: nothing to test.</source>
        <translation>このキャンペーンでチケットを受け取る顧客がいないため、テストできません。</translation>
    </message>
    <message>
        <source>Customer {user_id} would get no ticket ({reason}).</source>
        <translation>顧客 {user_id} はチケットを受け取りません（{reason}）。</translation>
    </message>
    <message>
        <source>Customer {user_id} is not among this campaign&apos;s customers.</source>
        <translation>顧客 {user_id} はこのキャンペーンの対象ではありません。</translation>
    </message>
    <message>
        <source>&quot;{address}&quot; is not an email address.</source>
        <translation>「{address}」はメールアドレスではありません。</translation>
    </message>
    <message>
        <source>A note goes with solving: deleted tickets keep no note.</source>
        <translation>メモは解決するときに付けるものです。削除したチケットにはメモは残りません。</translation>
    </message>
    <message>
        <source>A withdrawal of campaign &quot;{campaign}&quot; ({action}, {scope}) is not finished: run it again to finish it before starting another one.</source>
        <translation>キャンペーン「{campaign}」の取り下げ（{action}、{scope}）がまだ終わっていません。別の取り下げを始める前に、もう一度実行して完了させてください。</translation>
    </message>
    <message>
        <source>Zendesk has not run {jobs} job(s) of this campaign ({tickets} ticket(s)) within {minutes} minutes. The campaign is stopped; the jobs are recorded and the next run picks them up where they are.</source>
        <translation>Zendesk は {minutes} 分以内にこのキャンペーンのジョブ {jobs} 件（チケット {tickets} 件）を実行しませんでした。キャンペーンを停止しました。ジョブは記録されており、次回の実行でその状態から引き継がれます。</translation>
    </message>
    <message>
        <source>Campaign &quot;{name}&quot; is being sent from another computer or data folder: Zendesk refused its first ticket, for {customer}, because another run had already sent it with the same idempotency key. Nothing more was sent from here.</source>
        <translation>キャンペーン「{name}」は別のコンピューターまたはデータフォルダーから送信されています。{customer} 宛ての最初のチケットは、別の実行が同じ冪等キーですでに送信していたため、Zendesk に拒否されました。ここからはこれ以上送信していません。</translation>
    </message>
    <message>
        <source>Campaign &quot;{name}&quot; has already been sent from another computer or data folder: Zendesk has its ticket #{ticket_id} for {customer} (found by the ticket&apos;s external id), which this computer did not create. Nothing was sent from here.</source>
        <translation>キャンペーン「{name}」はすでに別のコンピューターまたはデータフォルダーから送信されています。Zendesk には {customer} 宛てのチケット #{ticket_id} があり（チケットの外部 ID で見つかりました）、このコンピューターが作成したものではありません。ここからは何も送信していません。</translation>
    </message>
    <message>
        <source>Zendesk still has a queued job that may hold {tickets} ticket(s) whose answer was lost, after {minutes} minutes. The campaign is stopped so that no customer gets two tickets; run it again later to resume.</source>
        <translation>応答が失われたチケット {tickets} 件を含む可能性のあるジョブが、{minutes} 分たっても Zendesk のキューに残っています。お客様にチケットが 2 件届かないよう、キャンペーンを停止しました。後でもう一度実行すると再開します。</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <source>Finding</source>
        <translation>確認結果</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>チケット</translation>
    </message>
    <message>
        <source>Duplicate tickets</source>
        <translation>重複チケット</translation>
    </message>
    <message>
        <source>Ticket no longer in Zendesk</source>
        <translation>Zendesk にもうないチケット</translation>
    </message>
    <message>
        <source>Not a customer of the campaign</source>
        <translation>キャンペーンの対象外の依頼者</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Being withdrawn: {done} of {tickets} ticket(s) done; withdraw again to finish.</source>
        <translation>取り下げ中：{tickets} 件中 {done} 件が完了。完了させるには、もう一度取り下げてください。</translation>
    </message>
    <message numerus="yes">
        <source>Duplicates withdrawn: %n ticket(s) solved with an internal note.</source>
        <translation>
            <numerusform>重複を取り下げ済み：%Ln 件のチケットを社内メモ付きで解決しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Duplicates withdrawn: %n ticket(s) deleted.</source>
        <translation>
            <numerusform>重複を取り下げ済み：%Ln 件のチケットを削除しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Withdrawn: %n ticket(s) solved with an internal note.</source>
        <translation>
            <numerusform>取り下げ済み：%Ln 件のチケットを社内メモ付きで解決しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Withdrawn: %n ticket(s) deleted.</source>
        <translation>
            <numerusform>取り下げ済み：%Ln 件のチケットを削除しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Campaign history</source>
        <translation>キャンペーン履歴</translation>
    </message>
    <message>
        <source>Show customers</source>
        <translation>顧客を表示</translation>
    </message>
    <message>
        <source>Retry failed</source>
        <translation>失敗分を再送信</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV をエクスポート…</translation>
    </message>
    <message>
        <source>Verify in Zendesk…</source>
        <translation>Zendesk で確認…</translation>
    </message>
    <message>
        <source>Check in Zendesk that every customer got exactly one ticket (changes nothing)</source>
        <translation>すべてのお客様にチケットがちょうど 1 件ずつあることを Zendesk で確認します（何も変更しません）</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>取り下げ…</translation>
    </message>
    <message>
        <source>Solve or delete the campaign&apos;s tickets, when it went wrong</source>
        <translation>キャンペーンに誤りがあったとき、そのチケットを解決済みにするか削除します</translation>
    </message>
    <message>
        <source>Reading the campaign history…</source>
        <translation>キャンペーン履歴を読み込んでいます…</translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s) on this computer.</source>
        <translation>
            <numerusform>このコンピューター上のキャンペーン: %Ln 件</numerusform>
        </translation>
    </message>
    <message>
        <source>No campaign has been sent from this computer yet.</source>
        <translation>このコンピューターから送信したキャンペーンはまだありません。</translation>
    </message>
    <message>
        <source>Reading the customers of “{name}”…</source>
        <translation>「{name}」の顧客を読み込んでいます…</translation>
    </message>
    <message>
        <source>“{name}” (tag {tag}): {created} created, {failed} failed, {skipped} skipped, {pending} waiting.</source>
        <translation>「{name}」（タグ {tag}）: 作成 {created} 件、失敗 {failed} 件、スキップ {skipped} 件、待機中 {pending} 件。</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) being confirmed: Zendesk may have created their tickets; resuming the campaign checks the account before sending anything again.</source>
        <translation>
            <numerusform>確認中の顧客: %n 人。Zendesk がすでにチケットを作成している可能性があります。キャンペーンを再開すると、再送信する前にアカウントを確認します。</numerusform>
        </translation>
    </message>
    <message>
        <source>Open the campaign&apos;s view in Zendesk</source>
        <translation>Zendesk でキャンペーンのビューを開く</translation>
    </message>
    <message numerus="yes">
        <source>Send the campaign “{name}” again to the %n customer(s) it failed for? Customers who already have their ticket are not sent anything.</source>
        <translation>
            <numerusform>キャンペーン「{name}」を、失敗した %Ln 人の顧客にもう一度送信しますか？チケットが作成済みの顧客には何も送信されません。</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending again to the customers “{name}” failed for…</source>
        <translation>「{name}」で失敗した顧客にもう一度送信しています…</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n more ticket(s) created.</source>
        <translation>
            <numerusform>完了: さらに %Ln 件のチケットを作成しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the campaign&apos;s customers</source>
        <translation>キャンペーンの顧客をエクスポート</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>エクスポートしています…</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) exported to {path}.</source>
        <translation>
            <numerusform>%Ln 人の顧客を {path} にエクスポートしました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) could not be withdrawn.</source>
        <translation>
            <numerusform>%Ln 件のチケットは取り下げられませんでした。</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop sending</source>
        <translation>送信を停止</translation>
    </message>
    <message>
        <source>Tickets are still being created. Stop now? Nothing is lost: the campaign can be resumed later without creating any ticket twice.</source>
        <translation>まだチケットを作成中です。今すぐ停止しますか？何も失われません。キャンペーンは後で再開でき、同じチケットが2回作成されることはありません。</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Draft</source>
        <translation>下書き</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>中断</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>予約済み</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>取り下げ済み</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>キャンペーン</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>開始日時</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>顧客</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>作成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Tag: {tag} · {url}</source>
        <translation>タグ: {tag} · {url}</translation>
    </message>
    <message>
        <source>{state}, paused</source>
        <translation>{state}（一時停止中）</translation>
    </message>
    <message>
        <source>{state}, next {when}</source>
        <translation>{state}（次回 {when}）</translation>
    </message>
</context>
<context>
    <name>Phases</name>
    <message>
        <source>Finding the customers…</source>
        <translation>顧客を検索しています…</translation>
    </message>
    <message>
        <source>Preparing each customer&apos;s ticket…</source>
        <translation>各顧客のチケットを準備しています…</translation>
    </message>
    <message>
        <source>Recording the campaign on this computer…</source>
        <translation>このコンピューターにキャンペーンを記録しています…</translation>
    </message>
    <message>
        <source>Checking Zendesk for tickets whose creation was not confirmed…</source>
        <translation>作成が確認できなかったチケットを Zendesk で確認しています…</translation>
    </message>
    <message>
        <source>Creating the tickets…</source>
        <translation>チケットを作成しています…</translation>
    </message>
    <message>
        <source>Everything else is sent. Waiting until Zendesk has run the jobs whose answer was lost, so that no customer gets two tickets…</source>
        <translation>ほかはすべて送信しました。お客様にチケットが 2 件届かないよう、応答が失われたジョブを Zendesk が実行し終えるのを待っています…</translation>
    </message>
    <message>
        <source>Applying the macro to the tickets…</source>
        <translation>チケットにマクロを適用しています…</translation>
    </message>
    <message>
        <source>Creating the campaign&apos;s view…</source>
        <translation>キャンペーンのビューを作成しています…</translation>
    </message>
    <message>
        <source>Waiting for {count} ticket(s) whose answer was lost: Zendesk still has a queued job that may hold them. They are checked, and sent again only if missing, once it has run…</source>
        <translation>応答が失われたチケット {count} 件を待っています。それらを含む可能性のあるジョブがまだ Zendesk のキューにあります。ジョブの実行後に確認し、見つからないものだけを再送信します…</translation>
    </message>
    <message>
        <source>Waiting for Zendesk to run {count} job(s)…</source>
        <translation>Zendesk がジョブ {count} 件を実行するのを待っています…</translation>
    </message>
    <message>
        <source>Zendesk asked to wait {duration} before the next request (its rate limit).</source>
        <translation>Zendesk から、次のリクエストまで {duration} 待つよう求められました（レート制限）。</translation>
    </message>
    <message>
        <source>Waiting {duration}: the account&apos;s request budget is used up for now (the headroom stays free for your agents and other integrations).</source>
        <translation>{duration} 待機中: アカウントのリクエスト枠を現在使い切っています（余裕分はエージェントや他の連携のために空けてあります）。</translation>
    </message>
    <message>
        <source>Zendesk or the network failed; trying again in {duration}.</source>
        <translation>Zendesk またはネットワークでエラーが発生しました。{duration} 後に再試行します。</translation>
    </message>
</context>
<context>
    <name>PlaceholderButton</name>
    <message>
        <source>Insert placeholder</source>
        <translation>プレースホルダーを挿入</translation>
    </message>
    <message>
        <source>Personalise the text: each customer sees their own value in its place.</source>
        <translation>テキストを顧客ごとに変えられます。この位置には各顧客自身の値が表示されます。</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顧客</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>名</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>姓</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>メールアドレス</translation>
    </message>
    <message>
        <source>Zendesk user ID</source>
        <translation>Zendesk ユーザー ID</translation>
    </message>
    <message>
        <source>Customer fields</source>
        <translation>顧客フィールド</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>Organization name</source>
        <translation>組織名</translation>
    </message>
    <message>
        <source>Organization fields</source>
        <translation>組織フィールド</translation>
    </message>
    <message>
        <source>CSV list</source>
        <translation>CSV リスト</translation>
    </message>
    <message>
        <source>{title}  —  {placeholder}</source>
        <translation>{title}  —  {placeholder}</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Check before sending</source>
        <translation>送信前の確認</translation>
    </message>
    <message>
        <source>This is what each customer will receive. Nothing has been sent yet; once you start sending there is no way back to the earlier pages.</source>
        <translation>各顧客にはこの内容が届きます。まだ何も送信されていません。送信を始めると、前のページには戻れません。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Next skipped customer</source>
        <translation>次のスキップ対象</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>顧客:</translation>
    </message>
    <message>
        <source>The ticket</source>
        <translation>チケット</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>Every ticket</source>
        <translation>すべてのチケット</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>ステータス:</translation>
    </message>
    <message>
        <source>Priority:</source>
        <translation>優先度:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>タイプ:</translation>
    </message>
    <message>
        <source>Group:</source>
        <translation>グループ:</translation>
    </message>
    <message>
        <source>Assignee:</source>
        <translation>担当者:</translation>
    </message>
    <message>
        <source>Sent as:</source>
        <translation>送信形式:</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>タグ:</translation>
    </message>
    <message>
        <source>Macro:</source>
        <translation>マクロ:</translation>
    </message>
    <message>
        <source>View:</source>
        <translation>ビュー:</translation>
    </message>
    <message>
        <source>Contact frequency:</source>
        <translation>連絡の頻度:</translation>
    </message>
    <message>
        <source>Schedule:</source>
        <translation>スケジュール:</translation>
    </message>
    <message>
        <source>Triggers in your account</source>
        <translation>アカウントのトリガー</translation>
    </message>
    <message>
        <source>Send me a test</source>
        <translation>自分にテスト送信</translation>
    </message>
    <message>
        <source>One ticket exactly as the customer shown on the left will get it, to you. It is tagged proactive_campaign_test and is not part of the campaign. Zendesk does not email agents about tickets they opened for themselves: type your own address to receive the email.</source>
        <translation>左に表示中の顧客が受け取るのとまったく同じチケットを 1 件、あなた宛てに作成します。タグは proactive_campaign_test で、キャンペーンには含まれません。Zendesk はエージェントが自分で作成したチケットについてメールを送らないため、メールを受け取るには自分のアドレスを入力してください。</translation>
    </message>
    <message>
        <source>Your address (empty: you as the agent)</source>
        <translation>あなたのアドレス（空欄: エージェントとしての自分）</translation>
    </message>
    <message numerus="yes">
        <source>Preparing the ticket for each of the %n customer(s)…</source>
        <translation>
            <numerusform>%Ln 人の顧客それぞれのチケットを準備しています…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>of %n</source>
        <translation>
            <numerusform>/ 全 %Ln 人</numerusform>
        </translation>
    </message>
    <message>
        <source>The campaign could not be prepared: {reason}</source>
        <translation>キャンペーンを準備できませんでした: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Send %n ticket(s)</source>
        <translation>
            <numerusform>%Ln 件のチケットを送信</numerusform>
        </translation>
    </message>
    <message>
        <source>Send</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（名前なし）</translation>
    </message>
    <message>
        <source>To: {name} &lt;{email}&gt;</source>
        <translation>宛先: {name} &lt;{email}&gt;</translation>
    </message>
    <message>
        <source>To: {name}</source>
        <translation>宛先: {name}</translation>
    </message>
    <message>
        <source>Not in Zendesk yet: created with this ticket.</source>
        <translation>まだ Zendesk にいない顧客です。このチケットと一緒に作成されます。</translation>
    </message>
    <message>
        <source>Text: the translation for {language}</source>
        <translation>文面: {language} の翻訳</translation>
    </message>
    <message>
        <source>Text: the main text</source>
        <translation>文面: メインの文面</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) will be created, one per customer.</source>
        <translation>
            <numerusform>顧客1人につき1件、合計 %Ln 件のチケットが作成されます。</numerusform>
        </translation>
    </message>
    <message>
        <source>Campaign tag: {tag}</source>
        <translation>キャンペーンのタグ: {tag}</translation>
    </message>
    <message>
        <source>Sending will take {duration} at this account&apos;s rate.</source>
        <translation>このアカウントの送信速度では、{duration}かかります。</translation>
    </message>
    <message numerus="yes">
        <source>%n of them are not in Zendesk yet and will be created with their ticket: {emails}</source>
        <translation>
            <numerusform>そのうち %n 人はまだ Zendesk にいないため、チケットと一緒に作成されます: {emails}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{language}: %n</source>
        <translation>
            <numerusform>{language}: %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>main text: %n</source>
        <translation>
            <numerusform>メインの文面: %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Texts by language: {parts}</source>
        <translation>言語ごとの文面: {parts}</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) will be skipped:</source>
        <translation>
            <numerusform>%Ln 人の顧客はスキップされます:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• {reason} (%n)</source>
        <translation>
            <numerusform>• {reason}（%Ln）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• and %n other reason(s)</source>
        <translation>
            <numerusform>• その他の理由 %Ln 件</numerusform>
        </translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <source>Public reply: the customer is emailed</source>
        <translation>公開返信: 顧客にメールが届きます</translation>
    </message>
    <message>
        <source>Internal note: the customer is not emailed</source>
        <translation>社内メモ: 顧客にメールは届きません</translation>
    </message>
    <message>
        <source>A shared view of the campaign&apos;s tickets is created</source>
        <translation>キャンペーンのチケットの共有ビューを作成します</translation>
    </message>
    <message>
        <source>No view</source>
        <translation>ビューなし</translation>
    </message>
    <message>
        <source>{macro} — changes: {fields}</source>
        <translation>{macro} — 変更する項目: {fields}</translation>
    </message>
    <message>
        <source>Not limited: customers contacted recently get a ticket too</source>
        <translation>制限なし: 最近連絡した顧客にもチケットを作成します</translation>
    </message>
    <message numerus="yes">
        <source>Skips customers contacted by any campaign in the last {days} days: %n skipped</source>
        <translation>
            <numerusform>過去 {days} 日以内にいずれかのキャンペーンで連絡した顧客を除外: %n 人を除外</numerusform>
        </translation>
    </message>
    <message>
        <source>The account&apos;s triggers could not be read.</source>
        <translation>アカウントのトリガーを読み取れませんでした。</translation>
    </message>
    <message>
        <source>None of the account&apos;s active triggers acts on these tickets.</source>
        <translation>これらのチケットに作用する有効なトリガーはありません。</translation>
    </message>
    <message>
        <source>Will act</source>
        <translation>作用する</translation>
    </message>
    <message>
        <source>May act (depends on {fields})</source>
        <translation>作用する可能性あり（{fields} による）</translation>
    </message>
    <message>
        <source> — emails the customer</source>
        <translation> — 顧客にメールを送信</translation>
    </message>
    <message>
        <source>This customer gets no ticket: choose one who does.</source>
        <translation>この顧客にはチケットが作成されません。作成される顧客を選んでください。</translation>
    </message>
    <message>
        <source>Sending the test ticket…</source>
        <translation>テストチケットを送信しています…</translation>
    </message>
    <message>
        <source>Test ticket {link} created for {address}.</source>
        <translation>{address} 宛てにテストチケット {link} を作成しました。</translation>
    </message>
    <message>
        <source>The test ticket was not created: {reason}</source>
        <translation>テストチケットは作成されませんでした: {reason}</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>オープン</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>保留中</translation>
    </message>
    <message>
        <source>On-hold</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Solved</source>
        <translation>解決済み</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>緊急</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>インシデント</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>質問</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>タスク</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>suspended</source>
        <translation>利用停止中</translation>
    </message>
    <message>
        <source>agent or admin</source>
        <translation>エージェントまたは管理者</translation>
    </message>
    <message>
        <source>already reached by campaign &quot;{campaign}&quot;</source>
        <translation>キャンペーン「{campaign}」で対応済み</translation>
    </message>
    <message>
        <source>no user with email {email}</source>
        <translation>メールアドレス {email} のユーザーがいません</translation>
    </message>
    <message>
        <source>no user with id {id}</source>
        <translation>ID {id} のユーザーがいません</translation>
    </message>
    <message>
        <source>invalid user id &quot;{value}&quot; in the CSV file</source>
        <translation>CSV ファイル内のユーザー ID「{value}」が無効です</translation>
    </message>
    <message>
        <source>contacted by campaign &quot;{campaign}&quot; in the last {days} days</source>
        <translation>過去 {days} 日以内にキャンペーン「{campaign}」で連絡済み</translation>
    </message>
    <message>
        <source>missing value for {placeholder}</source>
        <translation>{placeholder} の値がありません</translation>
    </message>
    <message>
        <source>the macro&apos;s comment may not have been added (Zendesk did not answer)</source>
        <translation>マクロのコメントが追加されていない可能性があります（Zendesk から応答がありませんでした）</translation>
    </message>
    <message>
        <source>the macro&apos;s comment could not be added:</source>
        <translation>マクロのコメントを追加できませんでした:</translation>
    </message>
    <message>
        <source>Zendesk refused the ticket several times because its idempotency key was already used with a different request (IdempotentRequestError):</source>
        <translation>このチケットの冪等キーが別の内容のリクエストですでに使われていたため、Zendesk が何度も拒否しました (IdempotentRequestError):</translation>
    </message>
    <message>
        <source>the ticket is no longer in the account</source>
        <translation>このチケットはもうアカウントにありません</translation>
    </message>
    <message>
        <source>the ticket was already deleted</source>
        <translation>このチケットはすでに削除されています</translation>
    </message>
</context>
<context>
    <name>ScheduleBox</name>
    <message>
        <source>Spread the tickets over time instead of sending them all at once</source>
        <translation>一度にすべて送らず、時間をかけて分散して送る</translation>
    </message>
    <message>
        <source>Not before:</source>
        <translation>開始日時:</translation>
    </message>
    <message>
        <source>At most:</source>
        <translation>上限:</translation>
    </message>
    <message>
        <source> tickets a day</source>
        <translation> 件/日</translation>
    </message>
    <message>
        <source>Only between:</source>
        <translation>時間帯:</translation>
    </message>
    <message>
        <source>On:</source>
        <translation>曜日:</translation>
    </message>
    <message>
        <source>Hours and days are each customer&apos;s own, from their time zone in Zendesk (else yours); the daily limit counts the days of this computer. Preview shows when the campaign will finish.</source>
        <translation>時間帯と曜日は、Zendesk に登録された各顧客のタイムゾーン（なければあなたのタイムゾーン）で判断します。1 日の上限は、このコンピューターの日付で数えます。キャンペーンの完了予定はプレビューに表示されます。</translation>
    </message>
    <message>
        <source>Choose at least one day.</source>
        <translation>曜日を 1 つ以上選んでください。</translation>
    </message>
    <message>
        <source>The hours must start before they end.</source>
        <translation>時間帯の開始は終了より前にしてください。</translation>
    </message>
</context>
<context>
    <name>ScheduleText</name>
    <message>
        <source>All at once, as soon as you send</source>
        <translation>送信するとすぐに全件を送ります</translation>
    </message>
    <message>
        <source>not before {when}</source>
        <translation>{when} 以降</translation>
    </message>
    <message>
        <source>{start}–{end} in each customer&apos;s local time</source>
        <translation>各顧客の現地時間で {start}–{end}</translation>
    </message>
    <message>
        <source>on {days}</source>
        <translation>{days} に送信</translation>
    </message>
    <message>
        <source>First tickets {first}; the last about {end}.</source>
        <translation>最初のチケットは {first}、最後は {end} 頃の予定です。</translation>
    </message>
    <message>
        <source>No customer is ever inside these hours and days.</source>
        <translation>この時間帯と曜日に該当する顧客がいません。</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>Find your customers</source>
        <translation>顧客を検索</translation>
    </message>
    <message>
        <source>Search your customers, filter by organization, tags or your own customer fields, or import a list. Every matching customer is loaded, however many.</source>
        <translation>顧客を検索し、組織、タグ、独自の顧客フィールドで絞り込むか、リストをインポートします。該当する顧客は何人いても全員読み込まれます。</translation>
    </message>
    <message>
        <source>Words to find in any customer field; &quot;quoted words&quot; match exactly</source>
        <translation>顧客フィールド全体から探す語句。&quot;引用符で囲む&quot; と完全一致</translation>
    </message>
    <message>
        <source>vip renewal</source>
        <translation>vip 更新</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>フィルター</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名前:</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>メール:</translation>
    </message>
    <message>
        <source>Organization:</source>
        <translation>組織:</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>タグ:</translation>
    </message>
    <message>
        <source>Loading your account&apos;s customer fields…</source>
        <translation>アカウントの顧客フィールドを読み込んでいます…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>CSV をインポート…</translation>
    </message>
    <message>
        <source>A file with a column named email or id, as Excel saves it.</source>
        <translation>email または id という名前の列があるファイル（Excel で保存したもの）。</translation>
    </message>
    <message>
        <source>Cancel loading</source>
        <translation>読み込みを中止</translation>
    </message>
    <message>
        <source>Zendesk creates each of these people as a customer, named from the list&apos;s &quot;name&quot; column, together with their ticket.</source>
        <translation>Zendesk がこれらの人をそれぞれ顧客として作成します。名前はリストの「name」列から取り、チケットと一緒に作成されます。</translation>
    </message>
    <message>
        <source>Search:</source>
        <translation>検索:</translation>
    </message>
    <message>
        <source>Zendesk search: {query}</source>
        <translation>Zendesk の検索: {query}</translation>
    </message>
    <message>
        <source>Type a search or choose a filter, or import a CSV list.</source>
        <translation>検索語句を入力するかフィルターを選ぶか、CSV のリストをインポートしてください。</translation>
    </message>
    <message>
        <source>The search has changed: press Search to load its customers.</source>
        <translation>検索条件が変更されました。「検索」を押して顧客を読み込んでください。</translation>
    </message>
    <message>
        <source>{title}:</source>
        <translation>{title}:</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>すべて</translation>
    </message>
    <message>
        <source>Ticked</source>
        <translation>オン</translation>
    </message>
    <message>
        <source>Not ticked</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>Your account&apos;s customer fields could not be loaded ({reason}). You can still search by text, organization and tags.</source>
        <translation>アカウントの顧客フィールドを読み込めませんでした（{reason}）。テキスト、組織、タグでの検索は引き続き使えます。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>検索しています…</translation>
    </message>
    <message>
        <source>Import a customer list</source>
        <translation>顧客リストをインポート</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV ファイル (*.csv *.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Matching the customers of {file}…</source>
        <translation>{file} の顧客を照合しています…</translation>
    </message>
    <message>
        <source>Loading cancelled. Nothing was changed.</source>
        <translation>読み込みを中止しました。何も変更されていません。</translation>
    </message>
    <message>
        <source>Loaded {loaded} of {total} customers…</source>
        <translation>{total} 人中 {loaded} 人の顧客を読み込みました…</translation>
    </message>
    <message>
        <source>Loaded {loaded} customers…</source>
        <translation>{loaded} 人の顧客を読み込みました…</translation>
    </message>
    <message numerus="yes">
        <source>Create the %n person(s) of the list who are not in Zendesk yet, with their ticket</source>
        <translation>
            <numerusform>リストのうちまだ Zendesk にいない %n 人を、チケットと一緒に作成する</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) found.</source>
        <translation>
            <numerusform>%Ln 人の顧客が見つかりました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n agent(s) or administrator(s) were left out: campaigns are for customers.</source>
        <translation>
            <numerusform>エージェントまたは管理者 %Ln 人を除外しました。キャンペーンは顧客向けです。</numerusform>
        </translation>
    </message>
    <message>
        <source>{row}: {reason}</source>
        <translation>{row}: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) of the CSV file matched no customer and will be skipped:</source>
        <translation>
            <numerusform>CSV ファイルの %Ln 行はどの顧客とも一致しなかったため、スキップされます:</numerusform>
        </translation>
    </message>
    <message>
        <source>No customer matches. Try fewer filters or other words.</source>
        <translation>該当する顧客はいません。フィルターを減らすか、別の語句でお試しください。</translation>
    </message>
</context>
<context>
    <name>SelectPage</name>
    <message>
        <source>Choose who gets a ticket</source>
        <translation>チケットを作成する顧客を選択</translation>
    </message>
    <message>
        <source>Every ticked customer gets one ticket. Untick anyone who should not, or filter the list and tick only what is shown.</source>
        <translation>チェックを入れた顧客全員にチケットが1件ずつ作成されます。不要な顧客はチェックを外すか、リストを絞り込んで表示された顧客だけにチェックを入れてください。</translation>
    </message>
    <message>
        <source>Filter by name, email, organization…</source>
        <translation>名前、メール、組織などで絞り込み…</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>すべて選択</translation>
    </message>
    <message>
        <source>Select none</source>
        <translation>選択を解除</translation>
    </message>
    <message>
        <source>Invert selection</source>
        <translation>選択を反転</translation>
    </message>
    <message>
        <source>A large campaign</source>
        <translation>大規模なキャンペーン</translation>
    </message>
    <message numerus="yes">
        <source>You are about to prepare %n ticket(s), one for each ticked customer.</source>
        <translation>
            <numerusform>チェックを入れた顧客1人につき1件、%Ln 件のチケットを準備しようとしています。</numerusform>
        </translation>
    </message>
    <message>
        <source>More than {limit} tickets at once can overwhelm your team and can look like spam to your customers. Do you want to continue with all of them?</source>
        <translation>一度に {limit} 件を超えるチケットは、チームが対応しきれなくなるおそれがあり、顧客からはスパムのように見えることもあります。全員を対象に続けますか？</translation>
    </message>
    <message>
        <source>Continue with {count} customers</source>
        <translation>{count} 人の顧客で続ける</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>戻る</translation>
    </message>
    <message numerus="yes">
        <source>%n of {total} customers selected ({shown} shown by the filter)</source>
        <translation>
            <numerusform>{total} 人中 %Ln 人を選択（フィルターで {shown} 人を表示中）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of {total} customers selected</source>
        <translation>
            <numerusform>{total} 人中 %Ln 人を選択</numerusform>
        </translation>
    </message>
    <message>
        <source>More than {limit} customers are selected. That many tickets at once can overwhelm your team and look like spam to customers; you will be asked to confirm.</source>
        <translation>{limit} 人を超える顧客が選択されています。一度にこれほど多くのチケットを作成すると、チームが対応しきれなくなったり、顧客にスパムのように見えたりするおそれがあります。続ける前に確認を求められます。</translation>
    </message>
</context>
<context>
    <name>SendPage</name>
    <message>
        <source>Sending</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>One ticket is created for each customer; each row shows where that customer stands. Stopping is safe at any moment: the campaign resumes later without creating any ticket twice.</source>
        <translation>顧客ごとに1件のチケットを作成し、各行にその顧客の状況を表示します。いつ停止しても安全です。後で再開しても、同じチケットが2回作成されることはありません。</translation>
    </message>
    <message>
        <source>All customers</source>
        <translation>すべての顧客</translation>
    </message>
    <message>
        <source>Stop sending…</source>
        <translation>送信を停止…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <source>Retry failed</source>
        <translation>失敗分を再送信</translation>
    </message>
    <message>
        <source>Sign in with Zendesk again</source>
        <translation>もう一度 Zendesk でサインイン</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>表示:</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Stop and close…</source>
        <translation>停止して閉じる…</translation>
    </message>
    <message>
        <source>The campaign could not be opened: {reason}</source>
        <translation>キャンペーンを開けませんでした: {reason}</translation>
    </message>
    <message>
        <source>Stop the campaign and close the window? Tickets already created stay; the campaign is saved and you can resume it the next time you open the program.</source>
        <translation>キャンペーンを停止してウィンドウを閉じますか？作成済みのチケットはそのまま残ります。キャンペーンは保存され、次回プログラムを開いたときに再開できます。</translation>
    </message>
    <message>
        <source>Stop the campaign? Tickets already created stay, and you can resume the campaign later without creating any ticket twice.</source>
        <translation>キャンペーンを停止しますか？作成済みのチケットはそのまま残ります。後で再開しても、同じチケットが2回作成されることはありません。</translation>
    </message>
    <message>
        <source>Stop sending</source>
        <translation>送信を停止</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) a minute</source>
        <translation>
            <numerusform>毎分 %Ln 件</numerusform>
        </translation>
    </message>
    <message>
        <source>time left: {duration}</source>
        <translation>残り時間: {duration}</translation>
    </message>
    <message>
        <source> · </source>
        <translation> · </translation>
    </message>
    <message>
        <source>Created: {created} · Failed: {failed} · Skipped: {skipped} · Waiting: {pending}</source>
        <translation>作成: {created} · 失敗: {failed} · スキップ: {skipped} · 待機中: {pending}</translation>
    </message>
    <message>
        <source> · Being confirmed: {in_flight}</source>
        <translation> · 確認中: {in_flight}</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) await confirmation: Zendesk may have created their tickets. Resume checks the account for them before sending anything again.</source>
        <translation>
            <numerusform>%n 人の顧客が確認待ちです。Zendesk がすでにチケットを作成している可能性があります。再開すると、再送信する前にアカウントでチケットを確認します。</numerusform>
        </translation>
    </message>
    <message>
        <source>Scheduled: what was due is sent.</source>
        <translation>予約済み: 送信時刻になった分は送信しました。</translation>
    </message>
    <message>
        <source>The campaign stopped: {reason}</source>
        <translation>キャンペーンを停止しました: {reason}</translation>
    </message>
    <message>
        <source>The campaign stopped: {reason} Nothing is lost: Resume continues where it stopped, without creating any ticket twice.</source>
        <translation>キャンペーンが停止しました: {reason} 何も失われていません。「再開」を押すと停止したところから続行し、同じチケットが2回作成されることはありません。</translation>
    </message>
    <message>
        <source>Your browser is opening Zendesk&apos;s sign-in page. Sign in there as {email} and choose Allow; then press Resume.</source>
        <translation>ブラウザーで Zendesk のサインインページが開きます。{email} としてサインインして「許可」を選び、それから「再開」を押してください。</translation>
    </message>
    <message>
        <source>You signed in as {signed_in}, but this campaign belongs to {email}. Sign in again as {email}.</source>
        <translation>{signed_in} としてサインインしましたが、このキャンペーンは {email} のものです。{email} としてもう一度サインインしてください。</translation>
    </message>
    <message>
        <source>Signed in again as {email}. Press Resume to carry on with the campaign.</source>
        <translation>{email} としてもう一度サインインしました。「再開」を押してキャンペーンを続けてください。</translation>
    </message>
    <message>
        <source>Opening the campaign…</source>
        <translation>キャンペーンを開いています…</translation>
    </message>
    <message>
        <source>Creating the tickets…</source>
        <translation>チケットを作成しています…</translation>
    </message>
    <message>
        <source>Stopping… The tickets already on their way are being checked, so that none is created twice.</source>
        <translation>停止しています… 送信中のチケットを確認して、同じチケットが2回作成されないようにしています。</translation>
    </message>
    <message>
        <source>Stopped — you can resume.</source>
        <translation>停止しました — 再開できます。</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完了しました。</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) created.</source>
        <translation>
            <numerusform>%Ln 件のチケットを作成しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) failed: see the reason in the table, then use Retry failed.</source>
        <translation>
            <numerusform>%Ln 人の顧客で失敗しました。表で理由を確認してから「失敗分を再送信」を使ってください。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) skipped, each with the reason.</source>
        <translation>
            <numerusform>%Ln 人の顧客をスキップしました（理由はそれぞれ表に表示）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Every ticket carries the tag {tag}.</source>
        <translation>すべてのチケットにタグ {tag} が付いています。</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) wait for their time: the next from {when}. They get their tickets while this program is open (or with run-due); closing it is safe.</source>
        <translation>
            <numerusform>%Ln 人の顧客が予定の時刻を待っています（次回は {when} から）。このプログラムを開いている間（または run-due で）チケットが送られます。閉じても問題ありません。</numerusform>
        </translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Open the campaign&apos;s view in Zendesk</source>
        <translation>Zendesk でキャンペーンのビューを開く</translation>
    </message>
    <message>
        <source>The tickets were created, but no view was made for them: your Zendesk role may not create shared views. You can still find the tickets by their tag, {tag}; an administrator can create the view or give you that permission.</source>
        <translation>チケットは作成されましたが、ビューは作成されませんでした。お使いの Zendesk のロールには共有ビューを作成する権限がありません。チケットはタグ {tag} で検索できます。ビューの作成や権限の付与は管理者に依頼してください。</translation>
    </message>
    <message>
        <source>The tickets were created, but no view was made for them: {reason}</source>
        <translation>チケットは作成されましたが、ビューは作成されませんでした: {reason}</translation>
    </message>
</context>
<context>
    <name>SendTableModel</name>
    <message>
        <source>Waiting</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>作成済み</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>Being confirmed</source>
        <translation>確認中</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顧客</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>メール</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>チケット</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Open ticket #{id} in Zendesk</source>
        <translation>Zendesk でチケット #{id} を開く</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <source>Signed in to {host} as {name} &lt;{email}&gt; ({role}).</source>
        <translation>{host} に {name} &lt;{email}&gt;（{role}）としてサインインしました。</translation>
    </message>
    <message>
        <source>Signed in to {host} as {name} &lt;{email}&gt; ({role}). The sign-in is kept in this computer&apos;s keychain and holds until {until}; each use renews it.</source>
        <translation>{host} に {name} &lt;{email}&gt;（{role}）としてサインインしました。サインインはこのコンピューターのキーチェーンに保存され、{until} まで有効です。使うたびに更新されます。</translation>
    </message>
    <message>
        <source>Signed out of {host}: its sign-in was removed from the keychain.</source>
        <translation>{host} からサインアウトしました。サインインはキーチェーンから削除されました。</translation>
    </message>
    <message>
        <source>No sign-in was kept for {host}; nothing to remove.</source>
        <translation>{host} のサインインは保存されていません。削除するものはありません。</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Welcome</source>
        <translation>ようこそ</translation>
    </message>
    <message>
        <source>Choose what to do: start a new campaign, resume one that did not finish, or look at the campaigns sent from this computer.</source>
        <translation>新しいキャンペーンを開始するか、完了していないキャンペーンを再開するか、このコンピューターから送信したキャンペーンを確認するかを選んでください。</translation>
    </message>
    <message>
        <source>Scheduled campaigns</source>
        <translation>予約済みのキャンペーン</translation>
    </message>
    <message>
        <source>While this window is open, each goes out when its customers are due; closed, it continues at the next start (or with run-due from the system&apos;s scheduler).</source>
        <translation>このウィンドウを開いている間は、顧客ごとの送信時刻になると自動的に送信されます。閉じた場合は次回の起動時に（またはシステムのスケジューラーから run-due で）続きを送信します。</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Reach your customers before they write in</source>
        <translation>顧客から問い合わせが来る前に、こちらから連絡しましょう</translation>
    </message>
    <message>
        <source>A proactive campaign creates one Zendesk ticket for each customer of a group you choose, for example everyone whose plan renews next month, so they hear from you first. Nothing is sent until you have checked a preview, and nobody gets a ticket twice.</source>
        <translation>プロアクティブチケットキャンペーンは、選んだ顧客グループ（例: 来月プランが更新される全員）の顧客1人につき Zendesk のチケットを1件作成し、こちらから先に連絡します。プレビューを確認するまで何も送信されず、同じ顧客に2回チケットが作成されることもありません。</translation>
    </message>
    <message>
        <source>You are in the demo workspace: a practice Zendesk on this computer with sample customers. Try every step; no real customer is contacted.</source>
        <translation>デモ環境を使用中です。このコンピューター上の練習用 Zendesk で、サンプルの顧客が入っています。すべての手順を試せます。実際の顧客に連絡されることはありません。</translation>
    </message>
    <message>
        <source>No Zendesk account at hand? Choose “Try the demo” on the next page to practise on sample customers.</source>
        <translation>Zendesk アカウントがお手元にない場合は、次のページで「デモを試す」を選ぶと、サンプルの顧客で練習できます。</translation>
    </message>
    <message>
        <source>Start a new campaign</source>
        <translation>新しいキャンペーンを開始</translation>
    </message>
    <message>
        <source>Connect to Zendesk, find the customers, write the ticket and check it before anything is sent.</source>
        <translation>Zendesk に接続し、顧客を探してチケットを作成し、送信前に内容を確認します。</translation>
    </message>
    <message>
        <source>Resume an unfinished campaign</source>
        <translation>未完了のキャンペーンを再開</translation>
    </message>
    <message>
        <source>No unfinished campaign on this computer.</source>
        <translation>このコンピューターに未完了のキャンペーンはありません。</translation>
    </message>
    <message>
        <source>Campaign history…</source>
        <translation>キャンペーン履歴…</translation>
    </message>
    <message>
        <source>Earlier campaigns on this computer: their results, retrying failed tickets, exporting to CSV.</source>
        <translation>このコンピューターの過去のキャンペーン: 結果の確認、失敗したチケットの再送信、CSV へのエクスポート。</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>言語:</translation>
    </message>
    <message>
        <source>System language ({language})</source>
        <translation>システムの言語（{language}）</translation>
    </message>
    <message>
        <source>{done} of {total} customers done</source>
        <translation>{total} 人中 {done} 人完了</translation>
    </message>
    <message>
        <source>{name} — paused: {done}</source>
        <translation>{name} — 一時停止中: {done}</translation>
    </message>
    <message>
        <source>{name} — due now: {done}</source>
        <translation>{name} — 送信時刻です: {done}</translation>
    </message>
    <message>
        <source>{name} — {done}</source>
        <translation>{name} — {done}</translation>
    </message>
    <message>
        <source>{name} — next {when}: {done}, finishing about {end}</source>
        <translation>{name} — 次回 {when}: {done}、完了予定 {end} 頃</translation>
    </message>
    <message>
        <source>{name} — next {when}: {done}</source>
        <translation>{name} — 次回 {when}: {done}</translation>
    </message>
    <message>
        <source>sign in to {url} (Next) and it goes out.</source>
        <translation>{url} にサインインすると（「次へ」）送信されます。</translation>
    </message>
    <message>
        <source>Waiting: {reason}</source>
        <translation>待機中: {reason}</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s) did not finish. Resuming one sends only to the customers who have no ticket yet; nobody gets a second ticket.</source>
        <translation>
            <numerusform>%Ln 件のキャンペーンが完了していません。再開すると、まだチケットのない顧客にだけ送信されます。チケットが重複して作成されることはありません。</numerusform>
        </translation>
    </message>
    <message>
        <source>The list of earlier campaigns could not be read: {reason}</source>
        <translation>過去のキャンペーンの一覧を読み込めませんでした: {reason}</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>中断</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>{name} — {state}: {done} of {total} customers done, {waiting} waiting (last change {when})</source>
        <translation>{name} — {state}: {total} 人中 {done} 人完了、{waiting} 人待機中（最終更新 {when}）</translation>
    </message>
</context>
<context>
    <name>TicketPreview</name>
    <message>
        <source>This customer will not get a ticket: {reason}</source>
        <translation>この顧客にはチケットは作成されません: {reason}</translation>
    </message>
</context>
<context>
    <name>Verify</name>
    <message>
        <source>Zendesk&apos;s search shows new and changed tickets only after a few minutes: {unindexed} of the journal&apos;s tickets are not in it yet, so a duplicate or a stray ticket made in the last {minutes} minutes may not be listed either. The journal&apos;s own tickets were checked one by one. Verify again later to be sure.</source>
        <translation>Zendesk の検索に新しいチケットや変更されたチケットが表示されるまでには数分かかります。記録にあるチケットのうち {unindexed} 件はまだ検索に出ていないため、直近 {minutes} 分以内にできた重複チケットや無関係のチケットも一覧に出ていない可能性があります。記録にあるチケットは 1 件ずつ直接確認済みです。確実を期すには、しばらくしてからもう一度確認してください。</translation>
    </message>
    <message>
        <source>Zendesk&apos;s search shows new and changed tickets only after a few minutes, and this campaign&apos;s newest ticket is less than {minutes} minutes old: a duplicate or a stray ticket made since may not be listed yet. The journal&apos;s own tickets were checked one by one. Verify again later to be sure.</source>
        <translation>Zendesk の検索に新しいチケットや変更されたチケットが表示されるまでには数分かかり、このキャンペーンの最新のチケットは作成から {minutes} 分経っていません。その後にできた重複チケットや無関係のチケットは、まだ一覧に出ていない可能性があります。記録にあるチケットは 1 件ずつ直接確認済みです。確実を期すには、しばらくしてからもう一度確認してください。</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Verify “{name}”</source>
        <translation>「{name}」を確認</translation>
    </message>
    <message>
        <source>Verify again</source>
        <translation>もう一度確認</translation>
    </message>
    <message>
        <source>Withdraw the duplicates…</source>
        <translation>重複を取り下げ…</translation>
    </message>
    <message>
        <source>Every customer keeps their oldest ticket; the others are withdrawn.</source>
        <translation>各お客様の最も古いチケットを残し、それ以外を取り下げます。</translation>
    </message>
    <message>
        <source>Reading the campaign&apos;s tickets in Zendesk…</source>
        <translation>Zendesk からキャンペーンのチケットを読み込んでいます…</translation>
    </message>
    <message>
        <source>Reading the campaign&apos;s tickets in Zendesk: {done} of {total}…</source>
        <translation>Zendesk からキャンペーンのチケットを読み込んでいます：{total} 件中 {done} 件…</translation>
    </message>
    <message>
        <source>Every customer has exactly one ticket of this campaign in Zendesk.</source>
        <translation>Zendesk 上で、すべてのお客様にこのキャンペーンのチケットがちょうど 1 件ずつあります。</translation>
    </message>
    <message>
        <source>Zendesk does not match the journal. Customers with duplicate tickets: {duplicates}. Tickets no longer in Zendesk: {missing}. Requesters who are not customers of the campaign: {unexpected}.</source>
        <translation>Zendesk の内容が記録と一致しません。重複チケットのあるお客様：{duplicates} 人。Zendesk にもうないチケット：{missing} 件。キャンペーンの対象外の依頼者：{unexpected} 人。</translation>
    </message>
    <message>
        <source>Tickets of the campaign in Zendesk: {tickets}. Customers with exactly one: {ok} of {reached}.</source>
        <translation>Zendesk にあるこのキャンペーンのチケット：{tickets} 件。チケットがちょうど 1 件のお客様：{reached} 人中 {ok} 人。</translation>
    </message>
</context>
<context>
    <name>Withdraw</name>
    <message>
        <source>Zendesk solves a ticket only when its required fields are filled ({fields}): tickets without them will fail. Deleting works for every ticket.</source>
        <translation>Zendesk では、必須フィールド（{fields}）が入力されているチケットしか解決できません。入力されていないチケットは失敗します。削除ならどのチケットにも使えます。</translation>
    </message>
    <message>
        <source>Solve {count} ticket(s) of the campaign &quot;{campaign}&quot; with an internal note? Customers who already got the email cannot be un-emailed.</source>
        <translation>キャンペーン「{campaign}」のチケット {count} 件に社内メモを付けて解決しますか？ すでにメールを受け取ったお客様から、そのメールを取り消すことはできません。</translation>
    </message>
    <message>
        <source>Delete {count} ticket(s) of the campaign &quot;{campaign}&quot;? Zendesk keeps deleted tickets recoverable for 30 days. Customers who already got the email cannot be un-emailed.</source>
        <translation>キャンペーン「{campaign}」のチケット {count} 件を削除しますか？ 削除したチケットは Zendesk で 30 日間は復元できます。すでにメールを受け取ったお客様から、そのメールを取り消すことはできません。</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>Withdraw the duplicates of “{name}”</source>
        <translation>「{name}」の重複を取り下げ</translation>
    </message>
    <message>
        <source>Withdraw “{name}”</source>
        <translation>「{name}」を取り下げ</translation>
    </message>
    <message>
        <source>Every customer keeps their oldest ticket of this campaign; the other tickets are solved with an internal note or deleted.</source>
        <translation>各お客様には、このキャンペーンの最も古いチケットが残ります。それ以外のチケットは社内メモを付けて解決するか、削除します。</translation>
    </message>
    <message>
        <source>Takes every ticket of this campaign back out of your agents&apos; way. The campaign is then marked withdrawn and is never sent again.</source>
        <translation>このキャンペーンのすべてのチケットを、エージェントの作業対象から外します。キャンペーンは取り下げ済みになり、二度と送信されません。</translation>
    </message>
    <message>
        <source>Solve them, with an internal note:</source>
        <translation>社内メモを付けて解決する：</translation>
    </message>
    <message>
        <source>For example: sent by mistake, please ignore.</source>
        <translation>例：誤って送信しました。無視してください。</translation>
    </message>
    <message>
        <source>Delete them (Zendesk keeps deleted tickets recoverable for 30 days)</source>
        <translation>削除する（削除したチケットは Zendesk で 30 日間は復元できます）</translation>
    </message>
    <message>
        <source>Customers who already got the email cannot be un-emailed.</source>
        <translation>すでにメールを受け取ったお客様から、そのメールを取り消すことはできません。</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>取り下げ…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Reading the campaign&apos;s tickets in Zendesk…</source>
        <translation>Zendesk からキャンペーンのチケットを読み込んでいます…</translation>
    </message>
    <message>
        <source>There is nothing to withdraw: no ticket of the campaign is left.</source>
        <translation>取り下げるものはありません。このキャンペーンのチケットは残っていません。</translation>
    </message>
    <message>
        <source>The earlier withdrawal of this campaign failed for these tickets: this tries them again (tickets already done are not touched again).</source>
        <translation>このキャンペーンの前回の取り下げは、これらのチケットで失敗しました。もう一度試します（完了済みのチケットには再度手を加えません）。</translation>
    </message>
    <message>
        <source>An earlier withdrawal of this campaign did not finish: this continues it (tickets already done are not touched again).</source>
        <translation>このキャンペーンの前回の取り下げは完了していません。その続きを行います（完了済みのチケットには再度手を加えません）。</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>何も変更していません。</translation>
    </message>
    <message numerus="yes">
        <source>Solving %n ticket(s)…</source>
        <translation>
            <numerusform>%Ln 件のチケットを解決しています…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleting %n ticket(s)…</source>
        <translation>
            <numerusform>%Ln 件のチケットを削除しています…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n ticket(s) solved.</source>
        <translation>
            <numerusform>完了：%Ln 件のチケットを解決しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n ticket(s) deleted.</source>
        <translation>
            <numerusform>完了：%Ln 件のチケットを削除しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) failed: the reasons are below.</source>
        <translation>
            <numerusform>%Ln 件は失敗しました。理由は下の一覧にあります。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped before the end: %n ticket(s) still waiting. Withdraw again to finish; tickets already done are not touched again.</source>
        <translation>
            <numerusform>途中で停止しました：%Ln 件のチケットが未処理です。完了させるにはもう一度取り下げてください。完了済みのチケットには再度手を加えません。</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop withdrawing</source>
        <translation>取り下げを停止</translation>
    </message>
    <message>
        <source>Tickets are still being withdrawn. Stop now? Nothing is lost: withdrawing again later finishes the rest, and no ticket is acted on twice.</source>
        <translation>チケットの取り下げ中です。今すぐ停止しますか？ 何も失われません。あとでもう一度取り下げると残りが処理され、同じチケットに二度手を加えることはありません。</translation>
    </message>
</context>
<context>
    <name>WithdrawTableModel</name>
    <message>
        <source>Ticket</source>
        <translation>チケット</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
</context>
<context>
    <name>_Plurals</name>
    <message numerus="yes">
        <source>at most %n ticket(s) a day</source>
        <translation>
            <numerusform>1 日あたり最大 %Ln 件</numerusform>
        </translation>
    </message>
</context>
</TS>
