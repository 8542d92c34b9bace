<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CampaignWizard</name>
    <message>
        <source>Proactive tickets</source>
        <translation>主动式工单</translation>
    </message>
</context>
<context>
    <name>ComposePage</name>
    <message>
        <source>Write the ticket</source>
        <translation>撰写工单</translation>
    </message>
    <message>
        <source>Every selected customer gets one ticket with this content. Placeholders are replaced with each customer&apos;s own details.</source>
        <translation>每位选中的客户都会收到一张内容如下的工单。占位符会替换为每位客户自己的信息。</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <source>For example: Renewal November 2026</source>
        <translation>例如：2026 年 11 月续订</translation>
    </message>
    <message>
        <source>Campaign name:</source>
        <translation>营销活动名称：</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>标题：</translation>
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
        <translation>格式：</translation>
    </message>
    <message>
        <source>Hello {{user.first_name}},

your plan renews soon…</source>
        <translation>{{user.first_name}}，您好：

您的套餐即将续订…</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>消息：</translation>
    </message>
    <message>
        <source>Main text (everybody else)</source>
        <translation>主文本（其他所有人）</translation>
    </message>
    <message>
        <source>Add a language…</source>
        <translation>添加语言…</translation>
    </message>
    <message>
        <source>Write the ticket in another language too: each customer gets the text of their Zendesk language, everybody else the main text.</source>
        <translation>也可以用其他语言撰写工单：每位客户收到与其 Zendesk 语言对应的文本，其他人收到主文本。</translation>
    </message>
    <message>
        <source>Public reply (the customer gets an email)</source>
        <translation>公开回复（客户会收到电子邮件）</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>内部备注</translation>
    </message>
    <message>
        <source>An internal note is visible to agents only: the customer receives no email and will not see the message until an agent replies.</source>
        <translation>内部备注仅对专员可见：客户不会收到电子邮件，在专员回复之前也看不到这条消息。</translation>
    </message>
    <message>
        <source>Send as:</source>
        <translation>发送方式：</translation>
    </message>
    <message>
        <source>Ticket fields</source>
        <translation>工单字段</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>A ticket created as solved needs every required ticket field filled in; otherwise Zendesk refuses it.</source>
        <translation>以“已解决”状态创建的工单必须填写所有必填工单字段，否则 Zendesk 会拒绝创建。</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>难题</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>For example: renewal, vip</source>
        <translation>例如：renewal, vip</translation>
    </message>
    <message>
        <source>The macro acts after these fields, as when an agent applies it: where both set a field, the macro wins; its tags are added.</source>
        <translation>宏在这些字段之后执行，与专员应用宏时相同：两者设置同一字段时以宏为准；宏的标签会被添加。</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Priority:</source>
        <translation>优先级：</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Group:</source>
        <translation>组：</translation>
    </message>
    <message>
        <source>Assignee:</source>
        <translation>受托人：</translation>
    </message>
    <message>
        <source>Extra tags:</source>
        <translation>附加标签：</translation>
    </message>
    <message>
        <source>Macro:</source>
        <translation>宏：</translation>
    </message>
    <message>
        <source>Contact frequency</source>
        <translation>联系频率</translation>
    </message>
    <message>
        <source>Skip customers who got a proactive ticket from any campaign in the last</source>
        <translation>跳过在以下期间内已收到任一活动主动工单的客户：</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Every campaign&apos;s tickets carry the tag proactive_campaign. The account is checked, so campaigns sent from other computers count too; Preview lists who is skipped and by which campaign.</source>
        <translation>每个活动的工单都带有 proactive_campaign 标签。检查在账户中进行，因此从其他电脑发送的活动也会计入；预览会列出被跳过的客户以及对应的活动。</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Create a shared view that lists the campaign&apos;s tickets</source>
        <translation>创建一个列出该营销活动工单的共享视图</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日语</translation>
    </message>
    <message>
        <source>Chinese (Simplified)</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>Chinese (Traditional)</source>
        <translation>繁体中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>韩语</translation>
    </message>
    <message>
        <source>German</source>
        <translation>德语</translation>
    </message>
    <message>
        <source>French</source>
        <translation>法语</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>西班牙语</translation>
    </message>
    <message>
        <source>Portuguese (Brazil)</source>
        <translation>葡萄牙语（巴西）</translation>
    </message>
    <message>
        <source>Use at least one letter or digit: the name becomes the tickets&apos; tag.</source>
        <translation>请至少包含一个字母或数字：该名称将成为工单的标签。</translation>
    </message>
    <message>
        <source>Tag: {tag} — checking that no other campaign uses it…</source>
        <translation>标签：{tag} — 正在检查是否有其他营销活动使用了它…</translation>
    </message>
    <message>
        <source>A campaign with the tag {tag} already exists on this computer. Choose another name, or open it from the history to resume it.</source>
        <translation>这台电脑上已有标签为 {tag} 的营销活动。请换一个名称，或从历史记录中打开它以继续。</translation>
    </message>
    <message>
        <source>Tickets in this Zendesk account already carry the tag {tag}. Choose another name so the campaign&apos;s tickets can be told apart.</source>
        <translation>此 Zendesk 帐户中已有带标签 {tag} 的工单。请换一个名称，以便区分该营销活动的工单。</translation>
    </message>
    <message>
        <source>Every ticket will be tagged {tag}.</source>
        <translation>每张工单都将带有标签 {tag}。</translation>
    </message>
    <message>
        <source>Could not check the name: {reason} Edit the name to try again.</source>
        <translation>无法检查名称：{reason} 修改名称即可重试。</translation>
    </message>
    <message>
        <source>Loading the account&apos;s statuses, groups and macros…</source>
        <translation>正在加载帐户的状态、组和宏…</translation>
    </message>
    <message>
        <source>Could not load the account&apos;s statuses, groups and macros: {reason}</source>
        <translation>无法加载帐户的状态、组和宏：{reason}</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>开放</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>On-hold</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Solved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>{label} ({category})</source>
        <translation>{label}（{category}）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Choose a group first.</source>
        <translation>请先选择组。</translation>
    </message>
    <message>
        <source>Loading the group&apos;s agents…</source>
        <translation>正在加载该组的专员…</translation>
    </message>
    <message>
        <source>Could not load the group&apos;s agents: {reason}</source>
        <translation>无法加载该组的专员：{reason}</translation>
    </message>
    <message>
        <source>Tags added: {tags}</source>
        <translation>将添加的标签：{tags}</translation>
    </message>
    <message>
        <source>You may not create shared views in this account, so no view will be created. The tickets are still created and tagged; an administrator can give you the permission to manage shared views.</source>
        <translation>您无权在此帐户中创建共享视图，因此不会创建视图。工单仍会正常创建并添加标签；管理员可以授予您管理共享视图的权限。</translation>
    </message>
    <message>
        <source>The view appears in Zendesk under Views, for everyone who can see shared views.</source>
        <translation>该视图会出现在 Zendesk 的“视图”中，所有能查看共享视图的人都可以看到。</translation>
    </message>
</context>
<context>
    <name>ConnectPage</name>
    <message>
        <source>Connect to Zendesk</source>
        <extracomment>What the administrator enters for the OAuth client (shown verbatim, never translated).</extracomment>
        <translation>连接到 Zendesk</translation>
    </message>
    <message>
        <source>acme or https://acme.zendesk.com</source>
        <translation>acme 或 https://acme.zendesk.com</translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation>you@example.com</translation>
    </message>
    <message>
        <source>Paste your API token</source>
        <translation>粘贴您的 API 令牌</translation>
    </message>
    <message>
        <source>Remember the token in this computer&apos;s keychain</source>
        <translation>将令牌保存在这台电脑的钥匙串中</translation>
    </message>
    <message>
        <source>Agent email:</source>
        <translation>专员电子邮件：</translation>
    </message>
    <message>
        <source>API token:</source>
        <translation>API 令牌：</translation>
    </message>
    <message>
        <source>Connect with:</source>
        <translation>连接方式：</translation>
    </message>
    <message>
        <source>Zendesk address:</source>
        <translation>Zendesk 地址：</translation>
    </message>
    <message>
        <source>Check connection</source>
        <translation>检查连接</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>试用演示</translation>
    </message>
    <message>
        <source>Start a practice account on this computer, with sample customers.</source>
        <translation>在这台电脑上启动一个带示例客户的练习帐户。</translation>
    </message>
    <message>
        <source>Enter the email address you sign in to Zendesk with.</source>
        <translation>请输入您登录 Zendesk 所用的电子邮件地址。</translation>
    </message>
    <message>
        <source>Enter your API token.</source>
        <translation>请输入您的 API 令牌。</translation>
    </message>
    <message>
        <source>Checking the connection…</source>
        <translation>正在检查连接…</translation>
    </message>
    <message>
        <source>Starting the demo account…</source>
        <translation>正在启动演示帐户…</translation>
    </message>
    <message>
        <source>Signed in as {name} ({email}), {role}.</source>
        <translation>已以 {name}（{email}）的身份登录，角色：{role}。</translation>
    </message>
    <message>
        <source>You may create tickets for your customers.</source>
        <translation>您可以为客户创建工单。</translation>
    </message>
    <message>
        <source>The token could not be stored in the keychain: {reason}</source>
        <translation>无法将令牌保存到钥匙串：{reason}</translation>
    </message>
    <message>
        <source>A remembered token was found in the keychain.</source>
        <translation>在钥匙串中找到了已保存的令牌。</translation>
    </message>
    <message>
        <source>The demo account could not be started: {reason}</source>
        <translation>无法启动演示帐户：{reason}</translation>
    </message>
    <message>
        <source>Sign in with Zendesk</source>
        <translation>使用 Zendesk 登录</translation>
    </message>
    <message>
        <source>Enter your Zendesk address, your agent email and your existing API token, then check the connection. Nothing is changed in your account on this page.</source>
        <translation>请输入 Zendesk 地址、客服人员电子邮件和现有的 API 令牌，然后检查连接。此页面不会更改您账户中的任何内容。</translation>
    </message>
    <message>
        <source>Zendesk no longer creates new API tokens. An existing token works until 30 April 2027 — unless nobody uses it for 30 days: then Zendesk switches it off. Sign in with Zendesk instead where you can.</source>
        <translation>Zendesk 已不再创建新的 API 令牌。现有令牌可用到 2027 年 4 月 30 日——但如果 30 天内无人使用，Zendesk 会将其停用。请尽量改用“使用 Zendesk 登录”。</translation>
    </message>
    <message>
        <source>An existing API token</source>
        <translation>现有的 API 令牌</translation>
    </message>
    <message>
        <source>I already have an API token</source>
        <translation>我已有 API 令牌</translation>
    </message>
    <message>
        <source>Sign in with Zendesk instead</source>
        <translation>改用 Zendesk 登录</translation>
    </message>
    <message>
        <source>Zendesk did not accept the API token saved on this computer. Zendesk has probably switched it off: it does so for a token nobody used for 30 days, and for every token on 30 April 2027. Sign in with Zendesk instead.</source>
        <translation>Zendesk 不接受此计算机上保存的 API 令牌。它很可能已被 Zendesk 停用：30 天内无人使用的令牌会被停用，所有令牌都将在 2027 年 4 月 30 日停用。请改用 Zendesk 登录。</translation>
    </message>
    <message>
        <source>The OAuth client&apos;s unique identifier</source>
        <translation>OAuth 客户端的唯一标识符</translation>
    </message>
    <message>
        <source>Enter your Zendesk address above and press Sign in with Zendesk: your browser opens Zendesk, you sign in there and choose Allow. No set-up in Admin Center is needed.</source>
        <translation>请在上方输入 Zendesk 地址并点击“使用 Zendesk 登录”：浏览器会打开 Zendesk，您在那里登录并选择“允许”。无需在管理中心进行任何设置。</translation>
    </message>
    <message>
        <source>Your administrator creates an OAuth client once for the account: in Admin Center, go to Apps and integrations → APIs → Zendesk API → OAuth Clients, choose Add OAuth client, and enter these values:</source>
        <translation>OAuth 客户端由管理员为帐户创建一次：在管理中心中，前往“应用和集成”→“API”→“Zendesk API”→“OAuth 客户端”，选择“添加 OAuth 客户端”，并输入以下值：</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the redirect URLs, one per line, to paste them into Admin Center.</source>
        <translation>复制重定向 URL（每行一个），以便粘贴到管理中心。</translation>
    </message>
    <message>
        <source>Client kind:</source>
        <translation>客户端类型：</translation>
    </message>
    <message>
        <source>Redirect URLs:</source>
        <translation>重定向 URL：</translation>
    </message>
    <message>
        <source>Give it any name (for example Proactive Desktop) and a unique identifier, save it, and enter that identifier above. No secret is needed: a public client proves itself with PKCE. Then press Sign in with Zendesk: your browser opens, you sign in there and choose Allow.</source>
        <translation>为其设置任意名称（例如 Proactive Desktop）和唯一标识符并保存，然后在上方输入该标识符。无需密钥：公开客户端通过 PKCE 验证自身。然后点击“使用 Zendesk 登录”：浏览器会打开，请在其中登录并选择“允许”。</translation>
    </message>
    <message>
        <source>Cancel sign-in</source>
        <translation>取消登录</translation>
    </message>
    <message>
        <source>Forget this sign-in…</source>
        <translation>忘记此登录…</translation>
    </message>
    <message>
        <source>Remove the saved sign-in from this computer&apos;s keychain.</source>
        <translation>从这台电脑的钥匙串中删除已保存的登录信息。</translation>
    </message>
    <message>
        <source>OAuth client identifier:</source>
        <translation>OAuth 客户端标识符：</translation>
    </message>
    <message>
        <source>The redirect URLs were copied. Paste them into the OAuth client&apos;s form.</source>
        <translation>重定向 URL 已复制。请将其粘贴到 OAuth 客户端的表单中。</translation>
    </message>
    <message>
        <source>Enter your Zendesk address, then sign in with Zendesk in your browser. Nothing is changed in your account on this page.</source>
        <translation>请输入 Zendesk 地址，然后在浏览器中登录 Zendesk。此页面不会更改您账户中的任何内容。</translation>
    </message>
    <message>
        <source>Enter your Zendesk address and your account&apos;s OAuth client, then sign in with Zendesk in your browser. Nothing is changed in your account on this page.</source>
        <translation>请输入您的 Zendesk 地址和帐户的 OAuth 客户端，然后在浏览器中登录 Zendesk。此页面不会对您的帐户做任何更改。</translation>
    </message>
    <message>
        <source>Your browser is opening Zendesk&apos;s sign-in page. Sign in there and choose Allow; this page continues by itself. Press Cancel sign-in to stop.</source>
        <translation>浏览器正在打开 Zendesk 的登录页面。请在其中登录并选择“允许”，此页面会自动继续。点击“取消登录”可停止。</translation>
    </message>
    <message>
        <source>No browser opened. Open this address in your browser: {url}</source>
        <translation>浏览器未打开。请在浏览器中打开此地址：{url}</translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>登录已取消。</translation>
    </message>
    <message>
        <source>Checking your saved sign-in…</source>
        <translation>正在检查已保存的登录信息…</translation>
    </message>
    <message>
        <source>Your sign-in is kept in this computer&apos;s keychain.</source>
        <translation>您的登录信息保存在这台电脑的钥匙串中。</translation>
    </message>
    <message>
        <source>This computer has no keychain the program can use, so your sign-in is kept for this session only. You will sign in again next time.</source>
        <translation>这台电脑上没有本程序可用的钥匙串，因此登录信息只在本次会话中保留。下次需要重新登录。</translation>
    </message>
    <message>
        <source>The sign-in could not be stored in the keychain: {reason}</source>
        <translation>无法将登录信息保存到钥匙串：{reason}</translation>
    </message>
    <message>
        <source>Your sign-in runs out on {date} unless it is used before then. Sign in with Zendesk again now, so that a scheduled campaign does not stop.</source>
        <translation>如果在此之前不使用，您的登录将于 {date} 失效。请现在重新登录 Zendesk，以免计划中的活动停止。</translation>
    </message>
    <message>
        <source>Your sign-in is kept in this computer&apos;s keychain and holds until {date}; each use renews it.</source>
        <translation>您的登录保存在此计算机的钥匙串中，有效期至 {date}；每次使用都会续期。</translation>
    </message>
    <message>
        <source>Forget the sign-in</source>
        <translation>忘记登录</translation>
    </message>
    <message>
        <source>Remove the sign-in for {email} at {url} from this computer&apos;s keychain? To use this account again, you sign in with Zendesk in your browser.</source>
        <translation>要从这台电脑的钥匙串中删除 {url} 上 {email} 的登录信息吗？再次使用此帐户时，需要在浏览器中登录 Zendesk。</translation>
    </message>
    <message>
        <source>The sign-in for {email} at {url} was removed from this computer&apos;s keychain.</source>
        <translation>已从这台电脑的钥匙串中删除 {url} 上 {email} 的登录信息。</translation>
    </message>
    <message>
        <source>The sign-in could not be removed from the keychain: {reason}</source>
        <translation>无法从钥匙串中删除登录信息：{reason}</translation>
    </message>
    <message>
        <source>This computer has no keychain the program can use, so your token is kept for this session only. You will be asked for it again next time.</source>
        <translation>这台电脑上没有本程序可用的钥匙串，因此令牌只在本次会话中保留。下次启动时会再次要求您输入。</translation>
    </message>
    <message>
        <source>The keychain is locked: your system may ask you to unlock it.</source>
        <translation>钥匙串已锁定：系统可能会要求您解锁。</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>专员</translation>
    </message>
    <message>
        <source>You may create shared views: the campaign will get its own view.</source>
        <translation>您可以创建共享视图：该营销活动将拥有自己的视图。</translation>
    </message>
    <message>
        <source>You may not create shared views: the tickets will be created, but no view listing them. Ask an administrator for this permission if you need one.</source>
        <translation>您无权创建共享视图：工单会被创建，但不会有列出它们的视图。如有需要，请向管理员申请此权限。</translation>
    </message>
    <message>
        <source>Zendesk did not say whether you may create shared views; the program will try.</source>
        <translation>Zendesk 未说明您是否可以创建共享视图；程序会尝试创建。</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>出现问题</translation>
    </message>
    <message>
        <source>The program ran into a problem it did not expect. Your campaign is saved: when you open the program again it resumes where it stopped, and nobody gets a ticket twice.</source>
        <translation>程序遇到了意外问题。您的营销活动已保存：再次打开程序时会从中断处继续，任何人都不会收到两张工单。</translation>
    </message>
    <message>
        <source>The details are also in the log folder: {folder}</source>
        <translation>详细信息也保存在日志文件夹中：{folder}</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>继续工作</translation>
    </message>
    <message>
        <source>Quit the program</source>
        <translation>退出程序</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>proactive-desktop stopped after an unexpected error; the campaign is saved and resumes at the next start.</source>
        <translation>proactive-desktop 因意外错误而停止；营销活动已保存，下次启动时会继续。</translation>
    </message>
</context>
<context>
    <name>CsvReport</name>
    <message>
        <source>{file}: {encoding} text, values separated by commas.</source>
        <translation>{file}：{encoding} 文本，以逗号分隔。</translation>
    </message>
    <message>
        <source>{file}: {encoding} text, values separated by semicolons.</source>
        <translation>{file}：{encoding} 文本，以分号分隔。</translation>
    </message>
    <message>
        <source>{file}: {encoding} text, values separated by tabs.</source>
        <translation>{file}：{encoding} 文本，以制表符分隔。</translation>
    </message>
    <message>
        <source>Columns: {columns}.</source>
        <translation>列：{columns}。</translation>
    </message>
    <message>
        <source>Rows with an email or id: {rows}; distinct customers: {distinct}; repeated rows left out: {repeats}.</source>
        <translation>含电子邮件或 ID 的行：{rows}；不同的客户：{distinct}；已略去的重复行：{repeats}。</translation>
    </message>
    <message>
        <source>Rows without an email or id, left out: {rows}.</source>
        <translation>既无电子邮件也无 ID 而略去的行：{rows}。</translation>
    </message>
    <message>
        <source>Rows whose id is not a number, matched by their email instead: {rows}.</source>
        <translation>ID 不是数字、改用电子邮件匹配的行：{rows}。</translation>
    </message>
    <message>
        <source>Emails that match no customer: {count}.</source>
        <translation>未匹配到任何客户的电子邮件：{count}。</translation>
    </message>
</context>
<context>
    <name>CustomerTableModel</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Ticked customers get a ticket</source>
        <translation>勾选的客户会收到一张工单</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>组织</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <source>less than a minute</source>
        <translation>不到 1 分钟</translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s)</source>
        <translation>
            <numerusform>约 %Ln 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n hour(s)</source>
        <translation>
            <numerusform>约 %Ln 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%Ln 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%Ln 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>about {hours} {minutes}</source>
        <translation>约 {hours} {minutes}</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <source>The account&apos;s triggers could not be read, so nobody can say which of them will act on these tickets: ask an admin to check them.</source>
        <translation>无法读取账户的触发器，因此无法判断哪些触发器会作用于这些工单：请让管理员检查。</translation>
    </message>
    <message>
        <source>Triggers that email the customer will or may act on these tickets: {titles}.</source>
        <translation>会给客户发送邮件的触发器将会或可能作用于这些工单：{titles}。</translation>
    </message>
    <message>
        <source>The tickets are internal notes: customers get no email about them.</source>
        <translation>这些工单是内部备注：客户不会收到相关电子邮件。</translation>
    </message>
    <message>
        <source>Tickets created as solved need every required ticket field filled: {fields}.</source>
        <translation>以“已解决”状态创建的工单必须填写所有必填工单字段：{fields}。</translation>
    </message>
    <message>
        <source>{count} customers will get a ticket: more than {limit} is a lot for a team to answer, and may look like spam.</source>
        <translation>将有 {count} 位客户收到工单：超过 {limit} 张对团队来说很难应对，也可能被视为垃圾邮件。</translation>
    </message>
    <message>
        <source>The macro adds a comment, so every ticket needs an update after it is created; Zendesk allows 100 updates a minute, so this takes about {minutes} minutes.</source>
        <translation>宏会添加评论，因此每张工单创建后都需要再更新一次；Zendesk 每分钟允许 100 次更新，所以大约需要 {minutes} 分钟。</translation>
    </message>
    <message>
        <source>The view was not created: this agent may not manage shared views ({zendesk_message}).</source>
        <translation>未创建视图：该专员无权管理共享视图（{zendesk_message}）。</translation>
    </message>
    <message>
        <source>The view was not created: {error}</source>
        <translation>未创建视图：{error}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Both {api} and {oauth} are set: set only one of them.</source>
        <translation>{api} 和 {oauth} 都已设置：请只设置其中一个。</translation>
    </message>
    <message>
        <source>The campaign file&apos;s email is {email}, but {url} is signed in as {signed_in}: change connection.email, or sign in as {email} with {prog} login {url}.</source>
        <translation>活动文件中的电子邮件是 {email}，但 {url} 的登录身份是 {signed_in}：请修改 connection.email，或使用 {prog} login {url} 以 {email} 身份登录。</translation>
    </message>
    <message>
        <source>No sign-in or token for {email} at {url}: sign in with {prog} login {url} (or in the wizard), or set {api} or {oauth}.</source>
        <translation>{url} 上没有 {email} 的登录或令牌：请使用 {prog} login {url}（或在向导中）登录，或设置 {api} 或 {oauth}。</translation>
    </message>
    <message>
        <source>{path} is a folder: name the CSV file to write.</source>
        <translation>{path} 是一个文件夹：请指定要写入的 CSV 文件名。</translation>
    </message>
    <message>
        <source>The folder of {path} does not exist.</source>
        <translation>{path} 所在的文件夹不存在。</translation>
    </message>
    <message>
        <source>{path} cannot be written: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>The sandbox cannot listen on port {port}: {reason}</source>
        <translation>沙盒无法监听端口 {port}：{reason}</translation>
    </message>
    <message>
        <source>--note goes with --solve: deleted tickets keep no note.</source>
        <translation>--note 需与 --solve 一起使用：删除的工单不会保留备注。</translation>
    </message>
    <message>
        <source>Cannot read the campaign file {path}: {reason}</source>
        <translation>无法读取营销活动文件 {path}：{reason}</translation>
    </message>
    <message>
        <source>The campaign file {path} is not UTF-8 text.</source>
        <translation>营销活动文件 {path} 不是 UTF-8 文本。</translation>
    </message>
    <message>
        <source>The campaign file {path} is not valid TOML: {reason}</source>
        <translation>营销活动文件 {path} 不是有效的 TOML：{reason}</translation>
    </message>
    <message>
        <source>The campaign file {path} is nested too deeply to be a campaign file.</source>
        <translation>活动文件 {path} 的嵌套层级过深，无法作为活动文件读取。</translation>
    </message>
    <message>
        <source>connection.url: {reason}</source>
        <translation>connection.url：{reason}</translation>
    </message>
    <message>
        <source>connection.email: &quot;{email}&quot; is not an email address.</source>
        <translation>connection.email：“{email}”不是电子邮件地址。</translation>
    </message>
    <message>
        <source>campaign.name: &quot;{name}&quot; has no letter or digit, so it cannot become a tag.</source>
        <translation>campaign.name：“{name}”不含字母或数字，因此无法用作标签。</translation>
    </message>
    <message>
        <source>recipients.create_missing: customers can only be created from a CSV list; add recipients.csv.</source>
        <translation>recipients.create_missing：只能从 CSV 列表创建客户；请添加 recipients.csv。</translation>
    </message>
    <message>
        <source>recipients: give at least one source of customers: query, user_ids or csv.</source>
        <translation>recipients：请至少指定一个客户来源：query、user_ids 或 csv。</translation>
    </message>
    <message>
        <source>ticket.tags: &quot;{tag}&quot; (item {number}) has no letter or digit.</source>
        <translation>ticket.tags：“{tag}”（第 {number} 项）不含字母或数字。</translation>
    </message>
    <message>
        <source>{key}: expected sections such as [ticket.translations.ja], not a single value.</source>
        <translation>{key}：应为 [ticket.translations.ja] 这样的节，而不是单个值。</translation>
    </message>
    <message>
        <source>{key}: &quot;{language}&quot; is not a language such as ja, zh-cn or en-us.</source>
        <translation>{key}：“{language}”不是 ja、zh-cn 或 en-us 这样的语言。</translation>
    </message>
    <message>
        <source>{key}: the language {language} is given twice.</source>
        <translation>{key}：语言 {language} 出现了两次。</translation>
    </message>
    <message>
        <source>{key}: expected a section [{key}], not a single value.</source>
        <translation>{key}：应为 [{key}] 节，而不是单个值。</translation>
    </message>
    <message>
        <source>{key}: expected a whole number of tickets above 0, found {found}.</source>
        <translation>{key}：应为大于 0 的工单数（整数），实际为 {found}。</translation>
    </message>
    <message>
        <source>{key}: &quot;{found}&quot; is not a window of hours such as &quot;09:00-17:00&quot; (the start before the end, within one day).</source>
        <translation>{key}：“{found}”不是“09:00-17:00”这样的时段（开始早于结束，且在一天之内）。</translation>
    </message>
    <message>
        <source>{key}: &quot;{found}&quot; is not one of {allowed}.</source>
        <translation>{key}：“{found}”不是 {allowed} 之一。</translation>
    </message>
    <message>
        <source>{key}: name at least one day (or leave it out).</source>
        <translation>{key}：请至少指定一天（或删除此项）。</translation>
    </message>
    <message>
        <source>{key}: expected a date and time such as &quot;2026-12-07T09:00:00+09:00&quot;, found {found}.</source>
        <translation>{key}：应为“2026-12-07T09:00:00+09:00”这样的日期和时间，实际为 {found}。</translation>
    </message>
    <message>
        <source>The section [{key}] is missing.</source>
        <translation>缺少 [{key}] 节。</translation>
    </message>
    <message>
        <source>{key}: unknown key; did you mean &quot;{suggestion}&quot;?</source>
        <translation>{key}：未知的键；您是不是要输入“{suggestion}”？</translation>
    </message>
    <message>
        <source>{key}: unknown key; known keys: {known}.</source>
        <translation>{key}：未知的键；可用的键：{known}。</translation>
    </message>
    <message>
        <source>{key}: expected {expected}, found {found}.</source>
        <translation>{key}：应为 {expected}，实际为 {found}。</translation>
    </message>
    <message>
        <source>{key} is empty.</source>
        <translation>{key} 为空。</translation>
    </message>
    <message>
        <source>{key} is missing.</source>
        <translation>缺少 {key}。</translation>
    </message>
    <message>
        <source>{key}: the list contains an empty text.</source>
        <translation>{key}：列表中包含空文本。</translation>
    </message>
    <message>
        <source>{key}: expected a whole number from 1 to {maximum}, found {found}.</source>
        <translation>{key}：应为 1 到 {maximum} 之间的整数，实际为 {found}。</translation>
    </message>
    <message>
        <source>{key}: expected a numeric id, found {found}.</source>
        <translation>{key}：应为数字 ID，实际为 {found}。</translation>
    </message>
    <message>
        <source>{key}: {value} is not a valid id (must be above 0).</source>
        <translation>{key}：{value} 不是有效的 ID（必须大于 0）。</translation>
    </message>
    <message>
        <source>{key}: {found} is not one of {allowed}.</source>
        <translation>{key}：{found} 不是 {allowed} 之一。</translation>
    </message>
    <message>
        <source>The campaign name must contain a letter or digit.</source>
        <translation>营销活动名称必须包含字母或数字。</translation>
    </message>
    <message>
        <source>The name &quot;{name}&quot; makes the tag {tag}, which marks every proactive ticket. Choose another name.</source>
        <translation>名称“{name}”生成的标签 {tag} 用于标记所有主动工单。请换一个名称。</translation>
    </message>
    <message>
        <source>Campaign &quot;{name}&quot; was started with a different definition ({keys}). A campaign cannot change halfway: use a new name.</source>
        <translation>营销活动“{name}”是用不同的定义（{keys}）启动的。营销活动不能中途更改：请使用新名称。</translation>
    </message>
    <message>
        <source>The name &quot;{name}&quot; makes the tag {tag}, which campaign &quot;{other}&quot; already uses. Choose another name.</source>
        <translation>名称“{name}”生成的标签 {tag} 已被营销活动“{other}”使用。请换一个名称。</translation>
    </message>
    <message>
        <source>Tickets tagged {tag} already exist in the account: the name &quot;{name}&quot; is taken. Choose another name.</source>
        <translation>帐户中已有带标签 {tag} 的工单：名称“{name}”已被占用。请换一个名称。</translation>
    </message>
    <message>
        <source>There is no group {group_id} in the account.</source>
        <translation>帐户中没有组 {group_id}。</translation>
    </message>
    <message>
        <source>The assignee {assignee_id} is not an active agent (of the chosen group, when one is set).</source>
        <translation>受托人 {assignee_id} 不是有效的专员（如已选择组，则须为该组的专员）。</translation>
    </message>
    <message>
        <source>There is no active custom status {custom_status_id}.</source>
        <translation>没有有效的自定义状态 {custom_status_id}。</translation>
    </message>
    <message>
        <source>There is no active macro {macro_id}.</source>
        <translation>没有有效的宏 {macro_id}。</translation>
    </message>
    <message>
        <source>There is no campaign named &quot;{name}&quot; in the journal.</source>
        <translation>记录中没有名为“{name}”的营销活动。</translation>
    </message>
    <message>
        <source>Campaign &quot;{name}&quot; was withdrawn: it is not sent again. Use a new name.</source>
        <translation>活动“{name}”已撤回，不会再次发送。请使用新名称。</translation>
    </message>
    <message>
        <source>Campaign &quot;{name}&quot; belongs to {url}, not to {other}.</source>
        <translation>营销活动“{name}”属于 {url}，而不是 {other}。</translation>
    </message>
    <message>
        <source>The data folder {folder} cannot be written ({reason}). Campaigns in it can be looked at and exported, but nothing can be sent until it can be written.</source>
        <translation>无法写入数据文件夹 {folder}（{reason}）。其中的营销活动可以查看和导出，但在该文件夹可写之前无法发送任何内容。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The disk that holds {path} is full, so the campaign journal cannot record more. Free some space, then run the same command again to resume.</source>
        <translation>{path} 所在的磁盘已满，活动记录无法继续写入。请释放一些空间，然后再次运行同一命令以继续。</translation>
    </message>
    <message>
        <source>The campaign journal {path} is damaged ({error}). Keep a copy of it, and ask for help before sending again: it is what prevents duplicate tickets.</source>
        <translation>活动记录 {path} 已损坏（{error}）。请保留一份副本，并在再次发送前寻求帮助：正是它防止了重复工单。</translation>
    </message>
    <message>
        <source>The campaign journal {path} cannot be read or written ({error}). Check the disk and the folder, then run the same command again to resume.</source>
        <translation>无法读写活动记录 {path}（{error}）。请检查磁盘和文件夹，然后再次运行同一命令以继续。</translation>
    </message>
    <message>
        <source>Campaign &quot;{name}&quot; is being sent by the wizard (PID {pid}); it goes on undisturbed. Try again when it has stopped.</source>
        <translation>营销活动“{name}”正由向导 (PID {pid}) 发送，该发送不受影响，会继续进行。请在它停止后再试。</translation>
    </message>
    <message>
        <source>Campaign &quot;{name}&quot; is being sent by a command (PID {pid}); it goes on undisturbed. Try again when it has stopped.</source>
        <translation>营销活动“{name}”正由命令 (PID {pid}) 发送，该发送不受影响，会继续进行。请在它停止后再试。</translation>
    </message>
    <message>
        <source>The campaign journal {path} cannot be read: {error}</source>
        <translation>无法读取营销活动记录 {path}：{error}</translation>
    </message>
    <message>
        <source>Campaign &quot;{name}&quot; was started a moment ago by another program using this data folder. It sends the campaign; to follow it, wait and run the same command again (it resumes).</source>
        <translation>活动“{name}”刚刚由使用同一数据文件夹的另一个程序启动，将由它来发送。如需跟进，请稍候再运行同一命令（会继续执行）。</translation>
    </message>
    <message>
        <source>Campaign &quot;{name}&quot; cannot be sent from the data folder {folder}: the folder does not support file locks ({reason}). Choose a data folder on this computer&apos;s own disk.</source>
        <translation>无法从数据文件夹 {folder} 发送营销活动“{name}”：该文件夹不支持文件锁（{reason}）。请选择位于本机磁盘上的数据文件夹。</translation>
    </message>
    <message>
        <source>Campaign &quot;{name}&quot; is being sent by another running program.</source>
        <translation>营销活动“{name}”正由另一个正在运行的程序发送。</translation>
    </message>
    <message>
        <source>recipients.csv: {path}: the quote that opens on row {rows} is never closed, so every row after it would be lost. Fix that row (or save the file again from Excel) and try again.</source>
        <translation>recipients.csv：{path}：第 {rows} 行开始的引号没有闭合，其后的所有行都会丢失。请修正该行（或用 Excel 重新保存文件）后重试。</translation>
    </message>
    <message>
        <source>recipients.csv: {path}: a quote on row {rows} runs over the next lines, which would be read as part of that row and lost. Fix the quotes on that row and try again.</source>
        <translation>recipients.csv：{path}：第 {rows} 行的引号延续到了后面的行，这些行会被当作该行的一部分而丢失。请修正该行的引号后重试。</translation>
    </message>
    <message>
        <source>recipients.csv: {path}: row {rows} has a quote in the wrong place ({problem}). Fix that row and try again.</source>
        <translation>recipients.csv：{path}：第 {rows} 行的引号位置不对（{problem}）。请修正该行后重试。</translation>
    </message>
    <message>
        <source>recipients.csv: {path}: some rows have more cells than the header has columns (rows: {rows}). A separator inside a value that is not in quotes? Their columns would be wrong.</source>
        <translation>recipients.csv：{path}：有些行的单元格比标题行的列多（行：{rows}）。是否有未加引号的值中含有分隔符？这些行的列会错位。</translation>
    </message>
    <message>
        <source>recipients.csv: {path}: some rows have an id that is not a number and no email to fall back on (rows: {rows}). Correct the ids or add the emails.</source>
        <translation>recipients.csv：{path}：有些行的 ID 不是数字，也没有可替代的电子邮件（行：{rows}）。请更正 ID 或添加电子邮件。</translation>
    </message>
    <message>
        <source>recipients.csv: {path}: some rows have a cell longer than {limit} characters (rows: {rows}); that is not a customer list. Check that this is the right file.</source>
        <translation>recipients.csv：{path}：有些行的单元格超过 {limit} 个字符（行：{rows}），这不像客户列表。请确认文件是否正确。</translation>
    </message>
    <message>
        <source>recipients.csv: {path} is larger than {limit_mb} MB, more than a customer list can be. Check that this is the right file, or split the list.</source>
        <translation>recipients.csv：{path} 超过 {limit_mb} MB，作为客户列表太大了。请确认文件是否正确，或将列表拆分。</translation>
    </message>
    <message>
        <source>recipients.csv: {path} is not a regular file (a folder or a device?).</source>
        <translation>recipients.csv：{path} 不是普通文件（是文件夹或设备？）。</translation>
    </message>
    <message>
        <source>recipients.csv: cannot read {path}: {reason}</source>
        <translation>recipients.csv：无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <source>recipients.csv: {path} is not readable text. Save it from Excel as &quot;CSV UTF-8&quot; (or as CSV in a Japanese or Chinese encoding) and try again.</source>
        <translation>recipients.csv：{path} 不是可读取的文本。请在 Excel 中另存为“CSV UTF-8”（或中文、日文编码的 CSV）后重试。</translation>
    </message>
    <message>
        <source>recipients.csv: {path} is empty.</source>
        <translation>recipients.csv：{path} 为空。</translation>
    </message>
    <message>
        <source>recipients.csv: {path} has no column named email or id in its first line.</source>
        <translation>recipients.csv：{path} 的第一行中没有名为 email 或 id 的列。</translation>
    </message>
    <message>
        <source>recipients.exclude_campaigns: no campaign &quot;{campaign}&quot; is known, neither in this computer&apos;s journal nor as tickets tagged &quot;{tag}&quot; in the account. Check the name.</source>
        <translation>recipients.exclude_campaigns：找不到营销活动“{campaign}”，这台电脑的记录中没有，帐户中也没有带标签“{tag}”的工单。请检查名称。</translation>
    </message>
    <message>
        <source>The placeholder starting with &quot;{fragment}&quot; is not written correctly: use {{{{user.name}}}} or {{{{user.name | default: &quot;text&quot;}}}}.</source>
        <translation>以“{fragment}”开头的占位符写法不正确：请使用 {{{{user.name}}}} 或 {{{{user.name | default: &quot;text&quot;}}}}。</translation>
    </message>
    <message>
        <source>The placeholder {placeholder} names a user field &quot;{field}&quot; that the account does not have.</source>
        <translation>占位符 {placeholder} 中的用户字段“{field}”在帐户中不存在。</translation>
    </message>
    <message>
        <source>The placeholder {placeholder} names an organization field &quot;{field}&quot; that the account does not have.</source>
        <translation>占位符 {placeholder} 中的组织字段“{field}”在帐户中不存在。</translation>
    </message>
    <message>
        <source>Unknown placeholder {placeholder}.</source>
        <translation>未知的占位符 {placeholder}。</translation>
    </message>
    <message>
        <source>The placeholder {placeholder} names a column of a CSV list, but the campaign has no CSV list.</source>
        <translation>占位符 {placeholder} 指向 CSV 列表的列，但此活动没有 CSV 列表。</translation>
    </message>
    <message>
        <source>The placeholder {placeholder} names a column &quot;{column}&quot; that the CSV file does not have (its columns: {columns}).</source>
        <translation>占位符 {placeholder} 指向 CSV 文件中没有的列“{column}”（文件的列：{columns}）。</translation>
    </message>
    <message>
        <source>The OAuth access token has expired and cannot be renewed here: sign in again or provide a new token.</source>
        <translation>OAuth 访问令牌已过期，无法在此续期：请重新登录或提供新令牌。</translation>
    </message>
    <message>
        <source>Enter the email address you sign in to Zendesk with.</source>
        <translation>请输入您登录 Zendesk 所用的电子邮件地址。</translation>
    </message>
    <message>
        <source>Enter an API token for {email}.</source>
        <translation>请输入 {email} 的 API 令牌。</translation>
    </message>
    <message>
        <source>The keychain is locked: unlock it and try again.</source>
        <translation>钥匙串已锁定：请解锁后重试。</translation>
    </message>
    <message>
        <source>The keychain could not be read ({reason}).</source>
        <translation>无法读取钥匙串（{reason}）。</translation>
    </message>
    <message>
        <source>No secure keychain is available on this computer, so the token was not saved. You will be asked for it next time.</source>
        <translation>这台电脑上没有可用的安全钥匙串，因此未保存令牌。下次会再次要求您输入。</translation>
    </message>
    <message>
        <source>The keychain refused to save the token ({reason}).</source>
        <translation>钥匙串拒绝保存令牌（{reason}）。</translation>
    </message>
    <message>
        <source>The keychain refused to delete the token ({reason}).</source>
        <translation>钥匙串拒绝删除令牌（{reason}）。</translation>
    </message>
    <message>
        <source>Enter your Zendesk subdomain or address.</source>
        <translation>请输入您的 Zendesk 子域或地址。</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not a Zendesk subdomain: use letters, digits and hyphens, as in acme or https://acme.zendesk.com.</source>
        <translation>“{text}”不是 Zendesk 子域：请使用字母、数字和连字符，例如 acme 或 https://acme.zendesk.com。</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not a valid address.</source>
        <translation>“{text}”不是有效的地址。</translation>
    </message>
    <message>
        <source>The address must not contain a user name or password.</source>
        <translation>地址中不能包含用户名或密码。</translation>
    </message>
    <message>
        <source>Enter only the account address, without a path: for example &quot;{example}&quot;.</source>
        <translation>请只输入帐户地址，不要带路径：例如“{example}”。</translation>
    </message>
    <message>
        <source>Plain http:// is refused for {host}: the token would travel unencrypted. Use https://.</source>
        <translation>{host} 不接受未加密的 http://：令牌会以明文传输。请使用 https://。</translation>
    </message>
    <message>
        <source>Sign in to Zendesk first: no OAuth token is set.</source>
        <translation>请先登录 Zendesk：尚未设置 OAuth 令牌。</translation>
    </message>
    <message>
        <source>{email} is not an agent or administrator on {host}: sign in with an account that may create tickets.</source>
        <translation>{email} 不是 {host} 上的专员或管理员：请使用可以创建工单的帐户登录。</translation>
    </message>
    <message>
        <source>Zendesk sent an answer that could not be read ({status_code}).</source>
        <translation>Zendesk 返回了无法读取的响应（{status_code}）。</translation>
    </message>
    <message>
        <source>Zendesk no longer knows the job {job_id}.</source>
        <translation>Zendesk 中已不存在作业 {job_id}。</translation>
    </message>
    <message>
        <source>{host} sent an answer larger than {megabytes} MB to {request}; it was not read.</source>
        <translation>{host} 对 {request} 的响应超过 {megabytes} MB，未予读取。</translation>
    </message>
    <message>
        <source>Stopped while waiting for the answer of {host} to {request}.</source>
        <translation>在等待 {host} 对 {request} 的响应时已停止。</translation>
    </message>
    <message>
        <source>{host} did not send its whole answer within {seconds} seconds.</source>
        <translation>{host} 未在 {seconds} 秒内返回完整响应。</translation>
    </message>
    <message>
        <source>Zendesk&apos;s list at {path} does not end: its pages repeat.</source>
        <translation>Zendesk 在 {path} 的列表没有结束：页面在重复。</translation>
    </message>
    <message>
        <source>Zendesk did not accept the sign-in for {host}: sign in again.</source>
        <translation>Zendesk 未接受 {host} 的登录：请重新登录。</translation>
    </message>
    <message>
        <source>Zendesk did not accept the email address and API token for {host}. Check both, and that token access is turned on in Admin Center. A token that worked before was probably switched off by Zendesk (it does so after 30 days unused): sign in with Zendesk instead.</source>
        <translation>Zendesk 未接受 {host} 的电子邮件地址和 API 令牌。请检查这两项，并确认管理中心已启用令牌访问。如果此令牌以前可用，它很可能已被 Zendesk 停用（30 天未使用的令牌会被停用）：请改用 Zendesk 登录。</translation>
    </message>
    <message>
        <source>Zendesk&apos;s search shows at most {cap} results. Load the whole segment with the export search instead.</source>
        <translation>Zendesk 搜索最多只显示 {cap} 个结果。请改用导出搜索加载整个客户群。</translation>
    </message>
    <message>
        <source>Zendesk did not allow this ({request}): {zendesk_message}</source>
        <translation>Zendesk 不允许此操作（{request}）：{zendesk_message}</translation>
    </message>
    <message>
        <source>Zendesk found nothing at {request}.</source>
        <translation>Zendesk 在 {request} 未找到任何内容。</translation>
    </message>
    <message>
        <source>Zendesk refused a repeated request because its content changed since the first attempt (same idempotency key, different body).</source>
        <translation>Zendesk 拒绝了重复的请求，因为其内容与第一次尝试时不同（幂等键相同，正文不同）。</translation>
    </message>
    <message>
        <source>Zendesk refused the request ({request}): {details}</source>
        <translation>Zendesk 拒绝了请求（{request}）：{details}</translation>
    </message>
    <message>
        <source>Zendesk&apos;s rate limit is still exhausted; it asked to wait {retry_after_s} seconds.</source>
        <translation>Zendesk 的速率限制仍已用尽；要求等待 {retry_after_s} 秒。</translation>
    </message>
    <message>
        <source>Zendesk had a problem ({status_code}) answering {request}.</source>
        <translation>Zendesk 在响应 {request} 时出现问题（{status_code}）。</translation>
    </message>
    <message>
        <source>Zendesk answered {status_code} to {request}: {zendesk_message}</source>
        <translation>Zendesk 对 {request} 返回了 {status_code}：{zendesk_message}</translation>
    </message>
    <message>
        <source>Could not connect to {host}. Check the address and your network connection.</source>
        <translation>无法连接到 {host}。请检查地址和网络连接。</translation>
    </message>
    <message>
        <source>Connecting to {host} timed out. Check your network connection.</source>
        <translation>连接 {host} 超时。请检查网络连接。</translation>
    </message>
    <message>
        <source>The secure connection to {host} failed: its certificate is not trusted by this computer, or something on the network interfered.</source>
        <translation>与 {host} 的安全连接失败：这台电脑不信任其证书，或网络中有其他因素干扰。</translation>
    </message>
    <message>
        <source>The proxy server refused the connection to {host}.</source>
        <translation>代理服务器拒绝了与 {host} 的连接。</translation>
    </message>
    <message>
        <source>{host} did not answer within {seconds} seconds.</source>
        <translation>{host} 在 {seconds} 秒内未响应。</translation>
    </message>
    <message>
        <source>The connection to {host} was lost before Zendesk answered.</source>
        <translation>在 Zendesk 响应之前，与 {host} 的连接已断开。</translation>
    </message>
    <message>
        <source>The request to {host} failed before Zendesk answered.</source>
        <translation>在 Zendesk 响应之前，对 {host} 的请求已失败。</translation>
    </message>
    <message>
        <source>There is no saved sign-in for {url} as {email}. Start a new campaign and connect to that account first, then open the history again.</source>
        <translation>没有以 {email} 身份登录 {url} 的已保存信息。请先开始一个新的营销活动并连接到该帐户，然后再打开历史记录。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. The details are in the log; please try again.</source>
        <translation>出现了意外问题。详细信息已写入日志；请重试。</translation>
    </message>
    <message>
        <source>The sign-in was declined in the browser, so the program has no access to Zendesk. Sign in again and choose Allow.</source>
        <translation>登录在浏览器中被拒绝，因此程序无法访问 Zendesk。请重新登录并选择“允许”。</translation>
    </message>
    <message>
        <source>The browser did not come back within {minutes} minutes, so the sign-in was stopped. If you closed the browser window, press Sign in with Zendesk again.</source>
        <translation>浏览器在 {minutes} 分钟内没有返回，因此登录已停止。如果您关闭了浏览器窗口，请再次点击“使用 Zendesk 登录”。</translation>
    </message>
    <message>
        <source>Within {minutes} minutes only answers from a different sign-in than the one started here arrived, and they were ignored for your safety. Close other sign-in pages in your browser and sign in again.</source>
        <translation>在 {minutes} 分钟内收到的只有来自另一次登录（而不是此处发起的登录）的应答，为了您的安全已将其忽略。请关闭浏览器中的其他登录页面，然后重新登录。</translation>
    </message>
    <message>
        <source>The sign-in needs one of the addresses {addresses} on this computer, and other programs are using all of them. Close the other program (perhaps another sign-in of Proactive Desktop) and try again.</source>
        <translation>登录需要使用此计算机上的地址 {addresses} 之一，但它们都被其他程序占用。请关闭该程序（可能是 Proactive Desktop 的另一次登录）后重试。</translation>
    </message>
    <message>
        <source>This copy of the program has no OAuth client of its own: name your account&apos;s OAuth client (on the command line with --client-id).</source>
        <translation>此程序没有内置的 OAuth 客户端：请指定您账户的 OAuth 客户端（在命令行中使用 --client-id）。</translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>登录已取消。</translation>
    </message>
    <message>
        <source>Enter the identifier of your account&apos;s OAuth client (Admin Center → Apps and integrations → APIs → Zendesk API → OAuth Clients).</source>
        <translation>请输入您帐户的 OAuth 客户端的标识符（管理中心 →“应用和集成”→“API”→“Zendesk API”→“OAuth 客户端”）。</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not an OAuth client identifier: copy the Identifier field of the OAuth client.</source>
        <translation>“{text}”不是 OAuth 客户端标识符：请复制 OAuth 客户端的“标识符”字段。</translation>
    </message>
    <message>
        <source>Zendesk did not complete the sign-in: {zendesk_message}</source>
        <translation>Zendesk 未完成登录：{zendesk_message}</translation>
    </message>
    <message>
        <source>The browser came back without an authorization code. Press Sign in with Zendesk again.</source>
        <translation>浏览器返回时没有授权码。请再次点击“使用 Zendesk 登录”。</translation>
    </message>
    <message>
        <source>Zendesk could not sign you in right now ({status_code}). Try again.</source>
        <translation>Zendesk 暂时无法让您登录（{status_code}）。请重试。</translation>
    </message>
    <message>
        <source>Zendesk&apos;s answer to the sign-in had no access token.</source>
        <translation>Zendesk 的登录响应中没有访问令牌。</translation>
    </message>
    <message>
        <source>Zendesk does not know this OAuth client ({reason}). Check the identifier, and that the client&apos;s kind is Public and its redirect URLs are the three the Connect page lists.</source>
        <translation>Zendesk 无法识别此 OAuth 客户端（{reason}）。请检查标识符，并确认客户端类型为“公共”，且重定向 URL 为“连接”页面列出的三个地址。</translation>
    </message>
    <message>
        <source>Zendesk refused the sign-in ({reason}). Press Sign in with Zendesk again.</source>
        <translation>Zendesk 拒绝了登录（{reason}）。请再次点击“使用 Zendesk 登录”。</translation>
    </message>
    <message>
        <source>Your Zendesk sign-in has ended and could not be renewed ({reason}). Sign in with Zendesk again (on the Connect page, or with: proactive-desktop login {url}), then resume the campaign: nothing is sent twice.</source>
        <translation>您的 Zendesk 登录已失效且无法续期（{reason}）。请重新登录 Zendesk（在“连接”页面，或使用 proactive-desktop login {url}），然后继续活动：不会重复发送。</translation>
    </message>
    <message>
        <source>Another program on this computer has been renewing the Zendesk sign-in for {seconds} seconds without finishing. Try again in a moment.</source>
        <translation>此计算机上的另一个程序已续期 Zendesk 登录 {seconds} 秒仍未完成。请稍后重试。</translation>
    </message>
    <message>
        <source>The saved sign-in is no longer in the keychain.</source>
        <translation>已保存的登录信息已不在钥匙串中。</translation>
    </message>
    <message>
        <source>No secure keychain is available on this computer, so a sign-in cannot be kept for later commands. Nothing was kept.</source>
        <translation>此计算机上没有可用的安全钥匙串，因此无法为后续命令保存登录。未保存任何内容。</translation>
    </message>
    <message>
        <source>No customer of this campaign would get a ticket: nothing to test.</source>
        <translation>此活动中没有客户会收到工单：无可测试的内容。</translation>
    </message>
    <message>
        <source>Customer {user_id} would get no ticket ({reason}).</source>
        <translation>客户 {user_id} 不会收到工单（{reason}）。</translation>
    </message>
    <message>
        <source>Customer {user_id} is not among this campaign&apos;s customers.</source>
        <translation>客户 {user_id} 不在此活动的客户中。</translation>
    </message>
    <message>
        <source>&quot;{address}&quot; is not an email address.</source>
        <translation>“{address}”不是电子邮件地址。</translation>
    </message>
    <message>
        <source>A note goes with solving: deleted tickets keep no note.</source>
        <translation>备注只在解决工单时添加：删除的工单不会保留备注。</translation>
    </message>
    <message>
        <source>A withdrawal of campaign &quot;{campaign}&quot; ({action}, {scope}) is not finished: run it again to finish it before starting another one.</source>
        <translation>活动“{campaign}”的撤回（{action}，{scope}）尚未完成：请先再次运行以完成它，然后再开始新的撤回。</translation>
    </message>
    <message>
        <source>Zendesk has not run {jobs} job(s) of this campaign ({tickets} ticket(s)) within {minutes} minutes. The campaign is stopped; the jobs are recorded and the next run picks them up where they are.</source>
        <translation>Zendesk 在 {minutes} 分钟内未运行此活动的 {jobs} 个作业（{tickets} 个工单）。活动已停止；这些作业已记录，下次运行会从当前状态继续处理。</translation>
    </message>
    <message>
        <source>Campaign &quot;{name}&quot; is being sent from another computer or data folder: Zendesk refused its first ticket, for {customer}, because another run had already sent it with the same idempotency key. Nothing more was sent from here.</source>
        <translation>活动“{name}”正在从另一台计算机或另一个数据文件夹发送：发给 {customer} 的第一个工单已被另一次运行以相同的幂等键发送，因此 Zendesk 拒绝了它。此处未再发送任何内容。</translation>
    </message>
    <message>
        <source>Campaign &quot;{name}&quot; has already been sent from another computer or data folder: Zendesk has its ticket #{ticket_id} for {customer} (found by the ticket&apos;s external id), which this computer did not create. Nothing was sent from here.</source>
        <translation>活动“{name}”已从另一台计算机或另一个数据文件夹发送：Zendesk 中已有发给 {customer} 的工单 #{ticket_id}（通过工单的外部 ID 找到），并非由本计算机创建。此处未发送任何内容。</translation>
    </message>
    <message>
        <source>Zendesk still has a queued job that may hold {tickets} ticket(s) whose answer was lost, after {minutes} minutes. The campaign is stopped so that no customer gets two tickets; run it again later to resume.</source>
        <translation>应答丢失的 {tickets} 个工单可能所在的作业在 {minutes} 分钟后仍在 Zendesk 队列中。为避免客户收到两个工单，活动已停止；请稍后再次运行以继续。</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <source>Finding</source>
        <translation>核对结果</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Duplicate tickets</source>
        <translation>重复工单</translation>
    </message>
    <message>
        <source>Ticket no longer in Zendesk</source>
        <translation>工单已不在 Zendesk 中</translation>
    </message>
    <message>
        <source>Not a customer of the campaign</source>
        <translation>不是此活动的客户</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Being withdrawn: {done} of {tickets} ticket(s) done; withdraw again to finish.</source>
        <translation>正在撤回：{tickets} 个工单中已完成 {done} 个；请再次撤回以完成。</translation>
    </message>
    <message numerus="yes">
        <source>Duplicates withdrawn: %n ticket(s) solved with an internal note.</source>
        <translation>
            <numerusform>已撤回重复工单：%Ln 个工单已添加内部备注并设为已解决。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Duplicates withdrawn: %n ticket(s) deleted.</source>
        <translation>
            <numerusform>已撤回重复工单：已删除 %Ln 个工单。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Withdrawn: %n ticket(s) solved with an internal note.</source>
        <translation>
            <numerusform>已撤回：%Ln 个工单已添加内部备注并设为已解决。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Withdrawn: %n ticket(s) deleted.</source>
        <translation>
            <numerusform>已撤回：已删除 %Ln 个工单。</numerusform>
        </translation>
    </message>
    <message>
        <source>Campaign history</source>
        <translation>营销活动历史记录</translation>
    </message>
    <message>
        <source>Show customers</source>
        <translation>显示客户</translation>
    </message>
    <message>
        <source>Retry failed</source>
        <translation>重试失败项</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Verify in Zendesk…</source>
        <translation>在 Zendesk 中核对…</translation>
    </message>
    <message>
        <source>Check in Zendesk that every customer got exactly one ticket (changes nothing)</source>
        <translation>在 Zendesk 中核对每位客户是否恰好有一个工单（不做任何更改）</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>撤回…</translation>
    </message>
    <message>
        <source>Solve or delete the campaign&apos;s tickets, when it went wrong</source>
        <translation>活动出错时，将其工单设为已解决或删除</translation>
    </message>
    <message>
        <source>Reading the campaign history…</source>
        <translation>正在读取营销活动历史记录…</translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s) on this computer.</source>
        <translation>
            <numerusform>这台电脑上有 %Ln 个营销活动。</numerusform>
        </translation>
    </message>
    <message>
        <source>No campaign has been sent from this computer yet.</source>
        <translation>尚未从这台电脑发送过任何营销活动。</translation>
    </message>
    <message>
        <source>Reading the customers of “{name}”…</source>
        <translation>正在读取“{name}”的客户…</translation>
    </message>
    <message>
        <source>“{name}” (tag {tag}): {created} created, {failed} failed, {skipped} skipped, {pending} waiting.</source>
        <translation>“{name}”（标签 {tag}）：已创建 {created} 个，失败 {failed} 个，已跳过 {skipped} 个，等待中 {pending} 个。</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) being confirmed: Zendesk may have created their tickets; resuming the campaign checks the account before sending anything again.</source>
        <translation>
            <numerusform>%n 位客户正在确认中：Zendesk 可能已经创建了他们的工单；继续活动时会先检查账户，再发送任何内容。</numerusform>
        </translation>
    </message>
    <message>
        <source>Open the campaign&apos;s view in Zendesk</source>
        <translation>在 Zendesk 中打开该营销活动的视图</translation>
    </message>
    <message numerus="yes">
        <source>Send the campaign “{name}” again to the %n customer(s) it failed for? Customers who already have their ticket are not sent anything.</source>
        <translation>
            <numerusform>要将营销活动“{name}”重新发送给失败的 %Ln 位客户吗？已有工单的客户不会收到任何内容。</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending again to the customers “{name}” failed for…</source>
        <translation>正在向“{name}”中失败的客户重新发送…</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n more ticket(s) created.</source>
        <translation>
            <numerusform>完成：又创建了 %Ln 张工单。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the campaign&apos;s customers</source>
        <translation>导出营销活动的客户</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) exported to {path}.</source>
        <translation>
            <numerusform>已将 %Ln 位客户导出到 {path}。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) could not be withdrawn.</source>
        <translation>
            <numerusform>%Ln 个工单未能撤回。</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop sending</source>
        <translation>停止发送</translation>
    </message>
    <message>
        <source>Tickets are still being created. Stop now? Nothing is lost: the campaign can be resumed later without creating any ticket twice.</source>
        <translation>仍在创建工单。现在停止吗？不会丢失任何内容：营销活动稍后可以继续，不会重复创建任何工单。</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>已安排</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Tag: {tag} · {url}</source>
        <translation>标签：{tag} · {url}</translation>
    </message>
    <message>
        <source>{state}, paused</source>
        <translation>{state}（已暂停）</translation>
    </message>
    <message>
        <source>{state}, next {when}</source>
        <translation>{state}（下次 {when}）</translation>
    </message>
</context>
<context>
    <name>Phases</name>
    <message>
        <source>Finding the customers…</source>
        <translation>正在查找客户…</translation>
    </message>
    <message>
        <source>Preparing each customer&apos;s ticket…</source>
        <translation>正在准备每位客户的工单…</translation>
    </message>
    <message>
        <source>Recording the campaign on this computer…</source>
        <translation>正在这台电脑上记录营销活动…</translation>
    </message>
    <message>
        <source>Checking Zendesk for tickets whose creation was not confirmed…</source>
        <translation>正在 Zendesk 中核对未确认创建的工单…</translation>
    </message>
    <message>
        <source>Creating the tickets…</source>
        <translation>正在创建工单…</translation>
    </message>
    <message>
        <source>Everything else is sent. Waiting until Zendesk has run the jobs whose answer was lost, so that no customer gets two tickets…</source>
        <translation>其余的都已发送。正在等待 Zendesk 运行完应答丢失的作业，以免客户收到两个工单…</translation>
    </message>
    <message>
        <source>Applying the macro to the tickets…</source>
        <translation>正在对工单应用宏…</translation>
    </message>
    <message>
        <source>Creating the campaign&apos;s view…</source>
        <translation>正在创建营销活动的视图…</translation>
    </message>
    <message>
        <source>Waiting for {count} ticket(s) whose answer was lost: Zendesk still has a queued job that may hold them. They are checked, and sent again only if missing, once it has run…</source>
        <translation>正在等待应答丢失的 {count} 个工单：Zendesk 队列中仍有可能包含它们的作业。该作业运行后会进行核对，只重新发送缺失的工单…</translation>
    </message>
    <message>
        <source>Waiting for Zendesk to run {count} job(s)…</source>
        <translation>正在等待 Zendesk 运行 {count} 个作业…</translation>
    </message>
    <message>
        <source>Zendesk asked to wait {duration} before the next request (its rate limit).</source>
        <translation>Zendesk 要求在下一个请求前等待 {duration}（速率限制）。</translation>
    </message>
    <message>
        <source>Waiting {duration}: the account&apos;s request budget is used up for now (the headroom stays free for your agents and other integrations).</source>
        <translation>等待 {duration}：账户的请求配额暂时已用完（预留部分留给客服和其他集成使用）。</translation>
    </message>
    <message>
        <source>Zendesk or the network failed; trying again in {duration}.</source>
        <translation>Zendesk 或网络出错，将在 {duration} 后重试。</translation>
    </message>
</context>
<context>
    <name>PlaceholderButton</name>
    <message>
        <source>Insert placeholder</source>
        <translation>插入占位符</translation>
    </message>
    <message>
        <source>Personalise the text: each customer sees their own value in its place.</source>
        <translation>个性化文本：每位客户会在此处看到自己的值。</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>全名</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>名字</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>姓氏</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>电子邮件地址</translation>
    </message>
    <message>
        <source>Zendesk user ID</source>
        <translation>Zendesk 用户 ID</translation>
    </message>
    <message>
        <source>Customer fields</source>
        <translation>客户字段</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>Organization name</source>
        <translation>组织名称</translation>
    </message>
    <message>
        <source>Organization fields</source>
        <translation>组织字段</translation>
    </message>
    <message>
        <source>CSV list</source>
        <translation>CSV 列表</translation>
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
        <translation>发送前检查</translation>
    </message>
    <message>
        <source>This is what each customer will receive. Nothing has been sent yet; once you start sending there is no way back to the earlier pages.</source>
        <translation>这是每位客户将收到的内容。目前尚未发送任何内容；一旦开始发送，就无法返回之前的页面。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Next skipped customer</source>
        <translation>下一位跳过的客户</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>客户：</translation>
    </message>
    <message>
        <source>The ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Every ticket</source>
        <translation>每个工单</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Priority:</source>
        <translation>优先级：</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Group:</source>
        <translation>组：</translation>
    </message>
    <message>
        <source>Assignee:</source>
        <translation>受理人：</translation>
    </message>
    <message>
        <source>Sent as:</source>
        <translation>发送方式：</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>Macro:</source>
        <translation>宏：</translation>
    </message>
    <message>
        <source>View:</source>
        <translation>视图：</translation>
    </message>
    <message>
        <source>Contact frequency:</source>
        <translation>联系频率：</translation>
    </message>
    <message>
        <source>Schedule:</source>
        <translation>计划：</translation>
    </message>
    <message>
        <source>Triggers in your account</source>
        <translation>账户中的触发器</translation>
    </message>
    <message>
        <source>Send me a test</source>
        <translation>给我发送测试</translation>
    </message>
    <message>
        <source>One ticket exactly as the customer shown on the left will get it, to you. It is tagged proactive_campaign_test and is not part of the campaign. Zendesk does not email agents about tickets they opened for themselves: type your own address to receive the email.</source>
        <translation>向您发送一个工单，与左侧所示客户将收到的完全相同。它带有 proactive_campaign_test 标签，不属于此活动。Zendesk 不会就客服自己创建的工单给其发送邮件：如需收到邮件，请输入您自己的地址。</translation>
    </message>
    <message>
        <source>Your address (empty: you as the agent)</source>
        <translation>您的地址（留空：以客服身份发给自己）</translation>
    </message>
    <message numerus="yes">
        <source>Preparing the ticket for each of the %n customer(s)…</source>
        <translation>
            <numerusform>正在为 %Ln 位客户逐一准备工单…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>of %n</source>
        <translation>
            <numerusform>/ 共 %Ln 位</numerusform>
        </translation>
    </message>
    <message>
        <source>The campaign could not be prepared: {reason}</source>
        <translation>无法准备营销活动：{reason}</translation>
    </message>
    <message numerus="yes">
        <source>Send %n ticket(s)</source>
        <translation>
            <numerusform>发送 %Ln 张工单</numerusform>
        </translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（无名称）</translation>
    </message>
    <message>
        <source>To: {name} &lt;{email}&gt;</source>
        <translation>收件人：{name} &lt;{email}&gt;</translation>
    </message>
    <message>
        <source>To: {name}</source>
        <translation>收件人：{name}</translation>
    </message>
    <message>
        <source>Not in Zendesk yet: created with this ticket.</source>
        <translation>尚未在 Zendesk 中：将随此工单一起创建。</translation>
    </message>
    <message>
        <source>Text: the translation for {language}</source>
        <translation>文本：{language} 的译文</translation>
    </message>
    <message>
        <source>Text: the main text</source>
        <translation>文本：主文本</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) will be created, one per customer.</source>
        <translation>
            <numerusform>将创建 %Ln 张工单，每位客户一张。</numerusform>
        </translation>
    </message>
    <message>
        <source>Campaign tag: {tag}</source>
        <translation>营销活动标签：{tag}</translation>
    </message>
    <message>
        <source>Sending will take {duration} at this account&apos;s rate.</source>
        <translation>按此帐户的速率，发送将需要{duration}。</translation>
    </message>
    <message numerus="yes">
        <source>%n of them are not in Zendesk yet and will be created with their ticket: {emails}</source>
        <translation>
            <numerusform>其中 %n 人尚未在 Zendesk 中，将随工单一起创建：{emails}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{language}: %n</source>
        <translation>
            <numerusform>{language}：%n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>main text: %n</source>
        <translation>
            <numerusform>主文本：%n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Texts by language: {parts}</source>
        <translation>各语言的文本：{parts}</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) will be skipped:</source>
        <translation>
            <numerusform>将跳过 %Ln 位客户：</numerusform>
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
            <numerusform>• 以及其他 %Ln 个原因</numerusform>
        </translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Public reply: the customer is emailed</source>
        <translation>公开回复：客户会收到邮件</translation>
    </message>
    <message>
        <source>Internal note: the customer is not emailed</source>
        <translation>内部备注：客户不会收到邮件</translation>
    </message>
    <message>
        <source>A shared view of the campaign&apos;s tickets is created</source>
        <translation>将创建列出此活动工单的共享视图</translation>
    </message>
    <message>
        <source>No view</source>
        <translation>无视图</translation>
    </message>
    <message>
        <source>{macro} — changes: {fields}</source>
        <translation>{macro} — 更改：{fields}</translation>
    </message>
    <message>
        <source>Not limited: customers contacted recently get a ticket too</source>
        <translation>不限制：最近联系过的客户也会收到工单</translation>
    </message>
    <message numerus="yes">
        <source>Skips customers contacted by any campaign in the last {days} days: %n skipped</source>
        <translation>
            <numerusform>跳过过去 {days} 天内被任一活动联系过的客户：已跳过 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>The account&apos;s triggers could not be read.</source>
        <translation>无法读取账户的触发器。</translation>
    </message>
    <message>
        <source>None of the account&apos;s active triggers acts on these tickets.</source>
        <translation>账户中没有会作用于这些工单的有效触发器。</translation>
    </message>
    <message>
        <source>Will act</source>
        <translation>将会作用</translation>
    </message>
    <message>
        <source>May act (depends on {fields})</source>
        <translation>可能作用（取决于 {fields}）</translation>
    </message>
    <message>
        <source> — emails the customer</source>
        <translation> — 会给客户发邮件</translation>
    </message>
    <message>
        <source>This customer gets no ticket: choose one who does.</source>
        <translation>此客户不会收到工单：请选择会收到工单的客户。</translation>
    </message>
    <message>
        <source>Sending the test ticket…</source>
        <translation>正在发送测试工单…</translation>
    </message>
    <message>
        <source>Test ticket {link} created for {address}.</source>
        <translation>已为 {address} 创建测试工单 {link}。</translation>
    </message>
    <message>
        <source>The test ticket was not created: {reason}</source>
        <translation>测试工单未创建：{reason}</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>开放</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>On-hold</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Solved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>难题</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>suspended</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>agent or admin</source>
        <translation>专员或管理员</translation>
    </message>
    <message>
        <source>already reached by campaign &quot;{campaign}&quot;</source>
        <translation>已在营销活动“{campaign}”中联系过</translation>
    </message>
    <message>
        <source>no user with email {email}</source>
        <translation>没有电子邮件地址为 {email} 的用户</translation>
    </message>
    <message>
        <source>no user with id {id}</source>
        <translation>没有 ID 为 {id} 的用户</translation>
    </message>
    <message>
        <source>invalid user id &quot;{value}&quot; in the CSV file</source>
        <translation>CSV 文件中的用户 ID“{value}”无效</translation>
    </message>
    <message>
        <source>contacted by campaign &quot;{campaign}&quot; in the last {days} days</source>
        <translation>过去 {days} 天内已由活动“{campaign}”联系</translation>
    </message>
    <message>
        <source>missing value for {placeholder}</source>
        <translation>{placeholder} 缺少值</translation>
    </message>
    <message>
        <source>the macro&apos;s comment may not have been added (Zendesk did not answer)</source>
        <translation>宏的评论可能未添加（Zendesk 未响应）</translation>
    </message>
    <message>
        <source>the macro&apos;s comment could not be added:</source>
        <translation>无法添加宏的评论：</translation>
    </message>
    <message>
        <source>Zendesk refused the ticket several times because its idempotency key was already used with a different request (IdempotentRequestError):</source>
        <translation>此工单的幂等键已被内容不同的请求使用，Zendesk 多次拒绝了它 (IdempotentRequestError)：</translation>
    </message>
    <message>
        <source>the ticket is no longer in the account</source>
        <translation>该工单已不在账户中</translation>
    </message>
    <message>
        <source>the ticket was already deleted</source>
        <translation>该工单已被删除</translation>
    </message>
</context>
<context>
    <name>ScheduleBox</name>
    <message>
        <source>Spread the tickets over time instead of sending them all at once</source>
        <translation>分时段发送工单，而不是一次性全部发送</translation>
    </message>
    <message>
        <source>Not before:</source>
        <translation>不早于：</translation>
    </message>
    <message>
        <source>At most:</source>
        <translation>最多：</translation>
    </message>
    <message>
        <source> tickets a day</source>
        <translation> 张/天</translation>
    </message>
    <message>
        <source>Only between:</source>
        <translation>仅在：</translation>
    </message>
    <message>
        <source>On:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Hours and days are each customer&apos;s own, from their time zone in Zendesk (else yours); the daily limit counts the days of this computer. Preview shows when the campaign will finish.</source>
        <translation>时段和日期以每位客户在 Zendesk 中的时区为准（没有则用您的时区）；每日上限按这台电脑的日期计算。预览页会显示营销活动的预计完成时间。</translation>
    </message>
    <message>
        <source>Choose at least one day.</source>
        <translation>请至少选择一天。</translation>
    </message>
    <message>
        <source>The hours must start before they end.</source>
        <translation>时段的开始时间必须早于结束时间。</translation>
    </message>
</context>
<context>
    <name>ScheduleText</name>
    <message>
        <source>All at once, as soon as you send</source>
        <translation>点击发送后立即全部发送</translation>
    </message>
    <message>
        <source>not before {when}</source>
        <translation>不早于 {when}</translation>
    </message>
    <message>
        <source>{start}–{end} in each customer&apos;s local time</source>
        <translation>每位客户当地时间 {start}–{end}</translation>
    </message>
    <message>
        <source>on {days}</source>
        <translation>在 {days}</translation>
    </message>
    <message>
        <source>First tickets {first}; the last about {end}.</source>
        <translation>首批工单于 {first} 发送；最后一批约在 {end}。</translation>
    </message>
    <message>
        <source>No customer is ever inside these hours and days.</source>
        <translation>没有客户处于这些时段和日期之内。</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>Find your customers</source>
        <translation>查找客户</translation>
    </message>
    <message>
        <source>Search your customers, filter by organization, tags or your own customer fields, or import a list. Every matching customer is loaded, however many.</source>
        <translation>搜索客户，按组织、标签或自定义客户字段筛选，或导入列表。无论有多少位，所有匹配的客户都会被加载。</translation>
    </message>
    <message>
        <source>Words to find in any customer field; &quot;quoted words&quot; match exactly</source>
        <translation>在所有客户字段中查找的词语；&quot;加引号的词语&quot;为精确匹配</translation>
    </message>
    <message>
        <source>vip renewal</source>
        <translation>vip 续订</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>筛选条件</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>电子邮件：</translation>
    </message>
    <message>
        <source>Organization:</source>
        <translation>组织：</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>Loading your account&apos;s customer fields…</source>
        <translation>正在加载帐户的客户字段…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <source>A file with a column named email or id, as Excel saves it.</source>
        <translation>包含名为 email 或 id 的列的文件（Excel 保存的格式即可）。</translation>
    </message>
    <message>
        <source>Cancel loading</source>
        <translation>取消加载</translation>
    </message>
    <message>
        <source>Zendesk creates each of these people as a customer, named from the list&apos;s &quot;name&quot; column, together with their ticket.</source>
        <translation>Zendesk 会将这些人分别创建为客户（姓名取自列表的“name”列），并同时创建其工单。</translation>
    </message>
    <message>
        <source>Search:</source>
        <translation>搜索：</translation>
    </message>
    <message>
        <source>Zendesk search: {query}</source>
        <translation>Zendesk 搜索：{query}</translation>
    </message>
    <message>
        <source>Type a search or choose a filter, or import a CSV list.</source>
        <translation>请输入搜索词、选择筛选条件，或导入 CSV 列表。</translation>
    </message>
    <message>
        <source>The search has changed: press Search to load its customers.</source>
        <translation>搜索条件已更改：请点击“搜索”加载客户。</translation>
    </message>
    <message>
        <source>{title}:</source>
        <translation>{title}：</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>Ticked</source>
        <translation>已勾选</translation>
    </message>
    <message>
        <source>Not ticked</source>
        <translation>未勾选</translation>
    </message>
    <message>
        <source>Your account&apos;s customer fields could not be loaded ({reason}). You can still search by text, organization and tags.</source>
        <translation>无法加载帐户的客户字段（{reason}）。您仍可以按文本、组织和标签搜索。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>Import a customer list</source>
        <translation>导入客户列表</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Matching the customers of {file}…</source>
        <translation>正在匹配 {file} 中的客户…</translation>
    </message>
    <message>
        <source>Loading cancelled. Nothing was changed.</source>
        <translation>已取消加载。未做任何更改。</translation>
    </message>
    <message>
        <source>Loaded {loaded} of {total} customers…</source>
        <translation>已加载 {loaded}/{total} 位客户…</translation>
    </message>
    <message>
        <source>Loaded {loaded} customers…</source>
        <translation>已加载 {loaded} 位客户…</translation>
    </message>
    <message numerus="yes">
        <source>Create the %n person(s) of the list who are not in Zendesk yet, with their ticket</source>
        <translation>
            <numerusform>为列表中尚未在 Zendesk 中的 %n 人创建客户及其工单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) found.</source>
        <translation>
            <numerusform>找到 %Ln 位客户。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n agent(s) or administrator(s) were left out: campaigns are for customers.</source>
        <translation>
            <numerusform>已排除 %Ln 位专员或管理员：营销活动仅面向客户。</numerusform>
        </translation>
    </message>
    <message>
        <source>{row}: {reason}</source>
        <translation>{row}：{reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) of the CSV file matched no customer and will be skipped:</source>
        <translation>
            <numerusform>CSV 文件中有 %Ln 行未匹配到任何客户，将被跳过：</numerusform>
        </translation>
    </message>
    <message>
        <source>No customer matches. Try fewer filters or other words.</source>
        <translation>没有匹配的客户。请减少筛选条件或换用其他词语。</translation>
    </message>
</context>
<context>
    <name>SelectPage</name>
    <message>
        <source>Choose who gets a ticket</source>
        <translation>选择接收工单的客户</translation>
    </message>
    <message>
        <source>Every ticked customer gets one ticket. Untick anyone who should not, or filter the list and tick only what is shown.</source>
        <translation>每位勾选的客户都会收到一张工单。取消勾选不应收到工单的客户，或先筛选列表，再只勾选显示的客户。</translation>
    </message>
    <message>
        <source>Filter by name, email, organization…</source>
        <translation>按姓名、电子邮件、组织等筛选…</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Select none</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>Invert selection</source>
        <translation>反选</translation>
    </message>
    <message>
        <source>A large campaign</source>
        <translation>大型营销活动</translation>
    </message>
    <message numerus="yes">
        <source>You are about to prepare %n ticket(s), one for each ticked customer.</source>
        <translation>
            <numerusform>您即将准备 %Ln 张工单，每位勾选的客户一张。</numerusform>
        </translation>
    </message>
    <message>
        <source>More than {limit} tickets at once can overwhelm your team and can look like spam to your customers. Do you want to continue with all of them?</source>
        <translation>一次超过 {limit} 张工单可能让团队难以应对，客户也可能视之为垃圾邮件。确定要对所有这些客户继续吗？</translation>
    </message>
    <message>
        <source>Continue with {count} customers</source>
        <translation>继续（共 {count} 位客户）</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>返回</translation>
    </message>
    <message numerus="yes">
        <source>%n of {total} customers selected ({shown} shown by the filter)</source>
        <translation>
            <numerusform>已选择 %Ln/{total} 位客户（筛选后显示 {shown} 位）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of {total} customers selected</source>
        <translation>
            <numerusform>已选择 %Ln/{total} 位客户</numerusform>
        </translation>
    </message>
    <message>
        <source>More than {limit} customers are selected. That many tickets at once can overwhelm your team and look like spam to customers; you will be asked to confirm.</source>
        <translation>已选择超过 {limit} 位客户。一次创建这么多工单可能让团队难以应对，客户也可能视之为垃圾邮件；继续前会要求您确认。</translation>
    </message>
</context>
<context>
    <name>SendPage</name>
    <message>
        <source>Sending</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>One ticket is created for each customer; each row shows where that customer stands. Stopping is safe at any moment: the campaign resumes later without creating any ticket twice.</source>
        <translation>为每位客户创建一张工单，每一行显示该客户的当前状态。随时停止都是安全的：稍后继续营销活动时，不会重复创建任何工单。</translation>
    </message>
    <message>
        <source>All customers</source>
        <translation>所有客户</translation>
    </message>
    <message>
        <source>Stop sending…</source>
        <translation>停止发送…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Retry failed</source>
        <translation>重试失败项</translation>
    </message>
    <message>
        <source>Sign in with Zendesk again</source>
        <translation>重新使用 Zendesk 登录</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Stop and close…</source>
        <translation>停止并关闭…</translation>
    </message>
    <message>
        <source>The campaign could not be opened: {reason}</source>
        <translation>无法打开营销活动：{reason}</translation>
    </message>
    <message>
        <source>Stop the campaign and close the window? Tickets already created stay; the campaign is saved and you can resume it the next time you open the program.</source>
        <translation>要停止营销活动并关闭窗口吗？已创建的工单会保留；营销活动已保存，下次打开程序时可以继续。</translation>
    </message>
    <message>
        <source>Stop the campaign? Tickets already created stay, and you can resume the campaign later without creating any ticket twice.</source>
        <translation>要停止营销活动吗？已创建的工单会保留，稍后可以继续该营销活动，不会重复创建任何工单。</translation>
    </message>
    <message>
        <source>Stop sending</source>
        <translation>停止发送</translation>
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
            <numerusform>每分钟 %Ln 张</numerusform>
        </translation>
    </message>
    <message>
        <source>time left: {duration}</source>
        <translation>剩余时间：{duration}</translation>
    </message>
    <message>
        <source> · </source>
        <translation> · </translation>
    </message>
    <message>
        <source>Created: {created} · Failed: {failed} · Skipped: {skipped} · Waiting: {pending}</source>
        <translation>已创建：{created} · 失败：{failed} · 已跳过：{skipped} · 等待中：{pending}</translation>
    </message>
    <message>
        <source> · Being confirmed: {in_flight}</source>
        <translation> · 确认中：{in_flight}</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) await confirmation: Zendesk may have created their tickets. Resume checks the account for them before sending anything again.</source>
        <translation>
            <numerusform>%n 位客户等待确认：Zendesk 可能已经创建了他们的工单。继续时会先在账户中检查这些工单，再发送任何内容。</numerusform>
        </translation>
    </message>
    <message>
        <source>Scheduled: what was due is sent.</source>
        <translation>已安排：到时间的工单已发送。</translation>
    </message>
    <message>
        <source>The campaign stopped: {reason}</source>
        <translation>活动已停止：{reason}</translation>
    </message>
    <message>
        <source>The campaign stopped: {reason} Nothing is lost: Resume continues where it stopped, without creating any ticket twice.</source>
        <translation>营销活动已停止：{reason} 不会丢失任何内容：点击“继续”会从停止处接着发送，不会重复创建任何工单。</translation>
    </message>
    <message>
        <source>Your browser is opening Zendesk&apos;s sign-in page. Sign in there as {email} and choose Allow; then press Resume.</source>
        <translation>浏览器正在打开 Zendesk 登录页面。请在那里以 {email} 身份登录并选择“允许”，然后点击“继续”。</translation>
    </message>
    <message>
        <source>You signed in as {signed_in}, but this campaign belongs to {email}. Sign in again as {email}.</source>
        <translation>您以 {signed_in} 身份登录，但此活动属于 {email}。请以 {email} 身份重新登录。</translation>
    </message>
    <message>
        <source>Signed in again as {email}. Press Resume to carry on with the campaign.</source>
        <translation>已重新以 {email} 身份登录。请点击“继续”以继续此活动。</translation>
    </message>
    <message>
        <source>Opening the campaign…</source>
        <translation>正在打开营销活动…</translation>
    </message>
    <message>
        <source>Creating the tickets…</source>
        <translation>正在创建工单…</translation>
    </message>
    <message>
        <source>Stopping… The tickets already on their way are being checked, so that none is created twice.</source>
        <translation>正在停止… 正在核对已在发送途中的工单，确保不会重复创建。</translation>
    </message>
    <message>
        <source>Stopped — you can resume.</source>
        <translation>已停止 — 可以继续。</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>已完成。</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) created.</source>
        <translation>
            <numerusform>已创建 %Ln 张工单。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) failed: see the reason in the table, then use Retry failed.</source>
        <translation>
            <numerusform>%Ln 位客户失败：请在表格中查看原因，然后使用“重试失败项”。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) skipped, each with the reason.</source>
        <translation>
            <numerusform>已跳过 %Ln 位客户，每位均附有原因。</numerusform>
        </translation>
    </message>
    <message>
        <source>Every ticket carries the tag {tag}.</source>
        <translation>每张工单都带有标签 {tag}。</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) wait for their time: the next from {when}. They get their tickets while this program is open (or with run-due); closing it is safe.</source>
        <translation>
            <numerusform>%Ln 位客户正在等待发送时间：下一位从 {when} 开始。本程序打开期间（或通过 run-due）会向他们发送工单；关闭程序也不会有问题。</numerusform>
        </translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Open the campaign&apos;s view in Zendesk</source>
        <translation>在 Zendesk 中打开该营销活动的视图</translation>
    </message>
    <message>
        <source>The tickets were created, but no view was made for them: your Zendesk role may not create shared views. You can still find the tickets by their tag, {tag}; an administrator can create the view or give you that permission.</source>
        <translation>工单已创建，但未为其创建视图：您的 Zendesk 角色无权创建共享视图。您仍可以通过标签 {tag} 找到这些工单；管理员可以创建该视图或授予您相应权限。</translation>
    </message>
    <message>
        <source>The tickets were created, but no view was made for them: {reason}</source>
        <translation>工单已创建，但未为其创建视图：{reason}</translation>
    </message>
</context>
<context>
    <name>SendTableModel</name>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Being confirmed</source>
        <translation>确认中</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Open ticket #{id} in Zendesk</source>
        <translation>在 Zendesk 中打开工单 #{id}</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <source>Signed in to {host} as {name} &lt;{email}&gt; ({role}).</source>
        <translation>已以 {name} &lt;{email}&gt;（{role}）身份登录 {host}。</translation>
    </message>
    <message>
        <source>Signed in to {host} as {name} &lt;{email}&gt; ({role}). The sign-in is kept in this computer&apos;s keychain and holds until {until}; each use renews it.</source>
        <translation>已以 {name} &lt;{email}&gt;（{role}）身份登录 {host}。登录保存在此计算机的钥匙串中，有效期至 {until}；每次使用都会续期。</translation>
    </message>
    <message>
        <source>Signed out of {host}: its sign-in was removed from the keychain.</source>
        <translation>已退出 {host}：其登录已从钥匙串中删除。</translation>
    </message>
    <message>
        <source>No sign-in was kept for {host}; nothing to remove.</source>
        <translation>{host} 没有保存的登录；无需删除。</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <source>Choose what to do: start a new campaign, resume one that did not finish, or look at the campaigns sent from this computer.</source>
        <translation>请选择操作：开始新的营销活动、继续未完成的营销活动，或查看从这台电脑发送过的营销活动。</translation>
    </message>
    <message>
        <source>Scheduled campaigns</source>
        <translation>已安排的营销活动</translation>
    </message>
    <message>
        <source>While this window is open, each goes out when its customers are due; closed, it continues at the next start (or with run-due from the system&apos;s scheduler).</source>
        <translation>此窗口打开期间，每个营销活动会在客户的发送时间到来时自动发送；关闭后，会在下次启动时（或由系统计划任务运行 run-due）继续。</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Reach your customers before they write in</source>
        <translation>在客户来信之前主动联系他们</translation>
    </message>
    <message>
        <source>A proactive campaign creates one Zendesk ticket for each customer of a group you choose, for example everyone whose plan renews next month, so they hear from you first. Nothing is sent until you have checked a preview, and nobody gets a ticket twice.</source>
        <translation>主动式工单营销活动会为您选择的客户群（例如下个月套餐续订的所有客户）中的每位客户创建一张 Zendesk 工单，让他们先收到您的消息。在您查看预览之前不会发送任何内容，任何人都不会收到两张工单。</translation>
    </message>
    <message>
        <source>You are in the demo workspace: a practice Zendesk on this computer with sample customers. Try every step; no real customer is contacted.</source>
        <translation>您正在使用演示工作区：这是这台电脑上带示例客户的练习用 Zendesk。可以尝试每个步骤，不会联系任何真实客户。</translation>
    </message>
    <message>
        <source>No Zendesk account at hand? Choose “Try the demo” on the next page to practise on sample customers.</source>
        <translation>手头没有 Zendesk 帐户？在下一页选择“试用演示”，即可用示例客户练习。</translation>
    </message>
    <message>
        <source>Start a new campaign</source>
        <translation>开始新的营销活动</translation>
    </message>
    <message>
        <source>Connect to Zendesk, find the customers, write the ticket and check it before anything is sent.</source>
        <translation>连接 Zendesk、查找客户、撰写工单，并在发送前进行检查。</translation>
    </message>
    <message>
        <source>Resume an unfinished campaign</source>
        <translation>继续未完成的营销活动</translation>
    </message>
    <message>
        <source>No unfinished campaign on this computer.</source>
        <translation>这台电脑上没有未完成的营销活动。</translation>
    </message>
    <message>
        <source>Campaign history…</source>
        <translation>营销活动历史记录…</translation>
    </message>
    <message>
        <source>Earlier campaigns on this computer: their results, retrying failed tickets, exporting to CSV.</source>
        <translation>这台电脑上以往的营销活动：查看结果、重试失败的工单、导出为 CSV。</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>System language ({language})</source>
        <translation>系统语言（{language}）</translation>
    </message>
    <message>
        <source>{done} of {total} customers done</source>
        <translation>{total} 位客户中已完成 {done} 位</translation>
    </message>
    <message>
        <source>{name} — paused: {done}</source>
        <translation>{name} — 已暂停：{done}</translation>
    </message>
    <message>
        <source>{name} — due now: {done}</source>
        <translation>{name} — 现在发送：{done}</translation>
    </message>
    <message>
        <source>{name} — {done}</source>
        <translation>{name} — {done}</translation>
    </message>
    <message>
        <source>{name} — next {when}: {done}, finishing about {end}</source>
        <translation>{name} — 下次 {when}：{done}，预计 {end} 左右完成</translation>
    </message>
    <message>
        <source>{name} — next {when}: {done}</source>
        <translation>{name} — 下次 {when}：{done}</translation>
    </message>
    <message>
        <source>sign in to {url} (Next) and it goes out.</source>
        <translation>登录 {url}（下一步）后即会发送。</translation>
    </message>
    <message>
        <source>Waiting: {reason}</source>
        <translation>等待中：{reason}</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s) did not finish. Resuming one sends only to the customers who have no ticket yet; nobody gets a second ticket.</source>
        <translation>
            <numerusform>有 %Ln 个营销活动尚未完成。继续时只会发送给还没有工单的客户；任何人都不会收到第二张工单。</numerusform>
        </translation>
    </message>
    <message>
        <source>The list of earlier campaigns could not be read: {reason}</source>
        <translation>无法读取以往营销活动的列表：{reason}</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>{name} — {state}: {done} of {total} customers done, {waiting} waiting (last change {when})</source>
        <translation>{name} — {state}：已完成 {done}/{total} 位客户，{waiting} 位等待中（最后更改于 {when}）</translation>
    </message>
</context>
<context>
    <name>TicketPreview</name>
    <message>
        <source>This customer will not get a ticket: {reason}</source>
        <translation>不会为该客户创建工单：{reason}</translation>
    </message>
</context>
<context>
    <name>Verify</name>
    <message>
        <source>Zendesk&apos;s search shows new and changed tickets only after a few minutes: {unindexed} of the journal&apos;s tickets are not in it yet, so a duplicate or a stray ticket made in the last {minutes} minutes may not be listed either. The journal&apos;s own tickets were checked one by one. Verify again later to be sure.</source>
        <translation>Zendesk 的搜索要过几分钟才会显示新建或更改的工单：记录中的工单有 {unindexed} 个尚未出现在搜索中，因此最近 {minutes} 分钟内产生的重复工单或无关工单也可能尚未列出。记录中的工单已逐一直接核对。如需确认，请稍后再核对一次。</translation>
    </message>
    <message>
        <source>Zendesk&apos;s search shows new and changed tickets only after a few minutes, and this campaign&apos;s newest ticket is less than {minutes} minutes old: a duplicate or a stray ticket made since may not be listed yet. The journal&apos;s own tickets were checked one by one. Verify again later to be sure.</source>
        <translation>Zendesk 的搜索要过几分钟才会显示新建或更改的工单，而此活动最新的工单创建还不到 {minutes} 分钟：此后产生的重复工单或无关工单可能尚未列出。记录中的工单已逐一直接核对。如需确认，请稍后再核对一次。</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Verify “{name}”</source>
        <translation>核对“{name}”</translation>
    </message>
    <message>
        <source>Verify again</source>
        <translation>再次核对</translation>
    </message>
    <message>
        <source>Withdraw the duplicates…</source>
        <translation>撤回重复工单…</translation>
    </message>
    <message>
        <source>Every customer keeps their oldest ticket; the others are withdrawn.</source>
        <translation>每位客户保留最早的工单，其余的将被撤回。</translation>
    </message>
    <message>
        <source>Reading the campaign&apos;s tickets in Zendesk…</source>
        <translation>正在从 Zendesk 读取活动的工单…</translation>
    </message>
    <message>
        <source>Reading the campaign&apos;s tickets in Zendesk: {done} of {total}…</source>
        <translation>正在从 Zendesk 读取活动的工单：{done} / {total}…</translation>
    </message>
    <message>
        <source>Every customer has exactly one ticket of this campaign in Zendesk.</source>
        <translation>在 Zendesk 中，每位客户都恰好有一个此活动的工单。</translation>
    </message>
    <message>
        <source>Zendesk does not match the journal. Customers with duplicate tickets: {duplicates}. Tickets no longer in Zendesk: {missing}. Requesters who are not customers of the campaign: {unexpected}.</source>
        <translation>Zendesk 与记录不一致。有重复工单的客户：{duplicates} 位。已不在 Zendesk 中的工单：{missing} 个。不是此活动客户的请求者：{unexpected} 位。</translation>
    </message>
    <message>
        <source>Tickets of the campaign in Zendesk: {tickets}. Customers with exactly one: {ok} of {reached}.</source>
        <translation>Zendesk 中此活动的工单：{tickets} 个。恰好有一个工单的客户：{reached} 位中的 {ok} 位。</translation>
    </message>
</context>
<context>
    <name>Withdraw</name>
    <message>
        <source>Zendesk solves a ticket only when its required fields are filled ({fields}): tickets without them will fail. Deleting works for every ticket.</source>
        <translation>Zendesk 只能解决已填写必填字段（{fields}）的工单：未填写的工单将会失败。删除适用于所有工单。</translation>
    </message>
    <message>
        <source>Solve {count} ticket(s) of the campaign &quot;{campaign}&quot; with an internal note? Customers who already got the email cannot be un-emailed.</source>
        <translation>要为活动“{campaign}”的 {count} 个工单添加内部备注并设为已解决吗？已收到邮件的客户无法撤回该邮件。</translation>
    </message>
    <message>
        <source>Delete {count} ticket(s) of the campaign &quot;{campaign}&quot;? Zendesk keeps deleted tickets recoverable for 30 days. Customers who already got the email cannot be un-emailed.</source>
        <translation>要删除活动“{campaign}”的 {count} 个工单吗？Zendesk 会将删除的工单保留 30 天，期间可恢复。已收到邮件的客户无法撤回该邮件。</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>Withdraw the duplicates of “{name}”</source>
        <translation>撤回“{name}”的重复工单</translation>
    </message>
    <message>
        <source>Withdraw “{name}”</source>
        <translation>撤回“{name}”</translation>
    </message>
    <message>
        <source>Every customer keeps their oldest ticket of this campaign; the other tickets are solved with an internal note or deleted.</source>
        <translation>每位客户保留此活动最早的工单；其余工单将添加内部备注并设为已解决，或被删除。</translation>
    </message>
    <message>
        <source>Takes every ticket of this campaign back out of your agents&apos; way. The campaign is then marked withdrawn and is never sent again.</source>
        <translation>将此活动的所有工单从客服人员的待办中移除。之后此活动会标记为已撤回，不会再次发送。</translation>
    </message>
    <message>
        <source>Solve them, with an internal note:</source>
        <translation>添加内部备注并设为已解决：</translation>
    </message>
    <message>
        <source>For example: sent by mistake, please ignore.</source>
        <translation>例如：误发，请忽略。</translation>
    </message>
    <message>
        <source>Delete them (Zendesk keeps deleted tickets recoverable for 30 days)</source>
        <translation>删除（Zendesk 会将删除的工单保留 30 天，期间可恢复）</translation>
    </message>
    <message>
        <source>Customers who already got the email cannot be un-emailed.</source>
        <translation>已收到邮件的客户无法撤回该邮件。</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>撤回…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Reading the campaign&apos;s tickets in Zendesk…</source>
        <translation>正在从 Zendesk 读取活动的工单…</translation>
    </message>
    <message>
        <source>There is nothing to withdraw: no ticket of the campaign is left.</source>
        <translation>没有可撤回的内容：此活动已没有剩余的工单。</translation>
    </message>
    <message>
        <source>The earlier withdrawal of this campaign failed for these tickets: this tries them again (tickets already done are not touched again).</source>
        <translation>此活动之前的撤回对这些工单失败了：本次将重试（已处理的工单不会再次处理）。</translation>
    </message>
    <message>
        <source>An earlier withdrawal of this campaign did not finish: this continues it (tickets already done are not touched again).</source>
        <translation>此活动之前的撤回尚未完成：本次将继续完成（已处理的工单不会再次处理）。</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>未做任何更改。</translation>
    </message>
    <message numerus="yes">
        <source>Solving %n ticket(s)…</source>
        <translation>
            <numerusform>正在解决 %Ln 个工单…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleting %n ticket(s)…</source>
        <translation>
            <numerusform>正在删除 %Ln 个工单…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n ticket(s) solved.</source>
        <translation>
            <numerusform>完成：已解决 %Ln 个工单。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n ticket(s) deleted.</source>
        <translation>
            <numerusform>完成：已删除 %Ln 个工单。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) failed: the reasons are below.</source>
        <translation>
            <numerusform>%Ln 个工单失败：原因见下方。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped before the end: %n ticket(s) still waiting. Withdraw again to finish; tickets already done are not touched again.</source>
        <translation>
            <numerusform>中途停止：还有 %Ln 个工单未处理。请再次撤回以完成；已处理的工单不会再次处理。</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop withdrawing</source>
        <translation>停止撤回</translation>
    </message>
    <message>
        <source>Tickets are still being withdrawn. Stop now? Nothing is lost: withdrawing again later finishes the rest, and no ticket is acted on twice.</source>
        <translation>工单仍在撤回中。现在停止吗？不会丢失任何内容：之后再次撤回会处理剩余部分，任何工单都不会被处理两次。</translation>
    </message>
</context>
<context>
    <name>WithdrawTableModel</name>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>_Plurals</name>
    <message numerus="yes">
        <source>at most %n ticket(s) a day</source>
        <translation>
            <numerusform>每天最多 %Ln 张工单</numerusform>
        </translation>
    </message>
</context>
</TS>
