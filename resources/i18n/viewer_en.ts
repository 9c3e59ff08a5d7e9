<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name></name>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="37"/>
        <source>个人数据</source>
        <translation>User data</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="38"/>
        <source>个人数据暂时无法读写，这次操作没有生效。
{0}</source>
        <translation>User data cannot be read or written just now; nothing was changed.
{0}</translation>
    </message>
</context>
<context>
    <name>AdvancedSearchDialog</name>
    <message>
        <location filename="../../viewer/ui/advanced_search.py" line="84"/>
        <source>高级检索</source>
        <translation>Advanced search</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/advanced_search.py" line="86"/>
        <source>正文中的词，空格分隔</source>
        <translation>Words in the text, separated by spaces</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/advanced_search.py" line="92"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/advanced_search.py" line="93"/>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/advanced_search.py" line="101"/>
        <source>标题：</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/advanced_search.py" line="101"/>
        <source>作者：</source>
        <translation>Author:</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/advanced_search.py" line="102"/>
        <source>全文：</source>
        <translation>Full text:</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/advanced_search.py" line="102"/>
        <source>地区：</source>
        <translation>Region:</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/advanced_search.py" line="103"/>
        <source>出版物：</source>
        <translation>Publication:</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/advanced_search.py" line="103"/>
        <source>标签：</source>
        <translation>Tag:</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/advanced_search.py" line="104"/>
        <source>类型：</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/advanced_search.py" line="106"/>
        <source>日期：</source>
        <translation>Date:</translation>
    </message>
</context>
<context>
    <name>AnnotationActions</name>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="144"/>
        <source>已给 {0} 篇文章加上标签：{1}</source>
        <translation>Tagged {0} articles: {1}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="135"/>
        <location filename="../../viewer/ui/annotation_actions.py" line="142"/>
        <location filename="../../viewer/ui/annotation_actions.py" line="186"/>
        <location filename="../../viewer/ui/annotation_actions.py" line="226"/>
        <location filename="../../viewer/ui/annotation_actions.py" line="230"/>
        <source>加标签</source>
        <translation>Add tag</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="80"/>
        <source>已取消，没有文章被改动</source>
        <translation>Cancelled: no article was changed</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="83"/>
        <source>个人数据暂时无法保存，这次修改没有生效。
{0}</source>
        <translation>User data cannot be saved just now; this change was not made.
{0}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="132"/>
        <source>正在给 {0} 篇文章加标签…</source>
        <translation>Tagging {0} article(s)…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="155"/>
        <location filename="../../viewer/ui/annotation_actions.py" line="156"/>
        <location filename="../../viewer/ui/annotation_actions.py" line="230"/>
        <location filename="../../viewer/ui/annotation_actions.py" line="250"/>
        <source>去掉标签</source>
        <translation>Remove tag</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="158"/>
        <source>已从 {0} 篇文章去掉标签：{1}（Ctrl+Z 撤销）</source>
        <translation>Removed tag {1} from {0} article(s) (Ctrl+Z to undo)</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="172"/>
        <source>没有可以撤销的修改</source>
        <translation>Nothing to undo</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="174"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="176"/>
        <source>已撤销：{0}</source>
        <translation>Undone: {0}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="186"/>
        <source>给选中的 {0} 篇文章加标签：</source>
        <translation>Tag the {0} selected articles:</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="202"/>
        <location filename="../../viewer/ui/annotation_actions.py" line="206"/>
        <source>给全部结果加标签</source>
        <translation>Tag every result</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="203"/>
        <source>“{0}”共 {1} 篇。标签名：</source>
        <translation>“{0}”: {1} articles. Tag name:</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="207"/>
        <source>确定给 {0} 篇文章加上标签“{1}”？</source>
        <translation>Tag {0} articles with “{1}”?</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="218"/>
        <source>常用键 {0} 还没有标签：在标签页右键一个标签设置</source>
        <translation>No tag on key {0} yet: right-click a tag in the Tags tab to assign one</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="234"/>
        <source>已加上标签：{0}</source>
        <translation>Tag added: {0}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="234"/>
        <source>已去掉标签：{0}</source>
        <translation>Tag removed: {0}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="251"/>
        <source>去掉常用标签</source>
        <translation>Remove favourite tags</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="253"/>
        <source>已去掉 {0} 篇文章的常用标签</source>
        <translation>Removed the favourite tags from {0} article(s)</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="263"/>
        <location filename="../../viewer/ui/annotation_actions.py" line="264"/>
        <source>加书签</source>
        <translation>Bookmark</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="267"/>
        <source>已加书签：{0}</source>
        <translation>Bookmarked: {0}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="283"/>
        <location filename="../../viewer/ui/annotation_actions.py" line="284"/>
        <source>删除书签</source>
        <translation>Remove bookmark</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="286"/>
        <source>已删除书签：{0}（Ctrl+Z 撤销）</source>
        <translation>Bookmark removed: {0} (Ctrl+Z to undo)</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="296"/>
        <location filename="../../viewer/ui/annotation_actions.py" line="298"/>
        <source>笔记</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="299"/>
        <source>编辑笔记</source>
        <translation>Edit note</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="302"/>
        <source>已保存笔记：{0}</source>
        <translation>Note saved: {0}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="310"/>
        <location filename="../../viewer/ui/annotation_actions.py" line="312"/>
        <source>保存搜索</source>
        <translation>Save search</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="310"/>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="314"/>
        <source>已保存搜索：{0}</source>
        <translation>Search saved: {0}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="321"/>
        <location filename="../../viewer/ui/annotation_actions.py" line="331"/>
        <location filename="../../viewer/ui/annotation_actions.py" line="335"/>
        <source>导出标注</source>
        <translation>Export annotations</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="332"/>
        <source>无法写入文件：{0}</source>
        <translation>Cannot write the file: {0}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="337"/>
        <source>已导出标注：{0}</source>
        <translation>Annotations exported: {0}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="344"/>
        <location filename="../../viewer/ui/annotation_actions.py" line="353"/>
        <location filename="../../viewer/ui/annotation_actions.py" line="356"/>
        <location filename="../../viewer/ui/annotation_actions.py" line="362"/>
        <source>导入标注</source>
        <translation>Import annotations</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="353"/>
        <source>无法读取文件：{0}</source>
        <translation>Cannot read the file: {0}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="359"/>
        <source>新增标签 {0} 个、标签关联 {1} 条、书签 {2} 个。</source>
        <translation>Added {0} tags, {1} tag links and {2} bookmarks.</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_actions.py" line="361"/>
        <source>已导入标注：{0}</source>
        <translation>Annotations imported: {0}</translation>
    </message>
</context>
<context>
    <name>BookmarkPanel</name>
    <message>
        <location filename="../../viewer/ui/annotation_panels.py" line="183"/>
        <source>在书签和笔记中查找</source>
        <translation>Find in bookmarks and notes</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_panels.py" line="194"/>
        <source>保存的搜索</source>
        <translation>Saved searches</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_panels.py" line="196"/>
        <source>书签与笔记</source>
        <translation>Bookmarks and notes</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_panels.py" line="232"/>
        <source>删除这个保存的搜索</source>
        <translation>Delete this saved search</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <location filename="../../viewer/ui/commands.py" line="31"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="32"/>
        <source>高级检索…</source>
        <translation>Advanced search…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="33"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="34"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="35"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="36"/>
        <source>复制引用</source>
        <translation>Copy citation</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="37"/>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="39"/>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="40"/>
        <source>原始大小</source>
        <translation>Actual size</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="41"/>
        <source>后退</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="42"/>
        <source>前进</source>
        <translation>Forward</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="43"/>
        <source>下一篇</source>
        <translation>Next article</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="44"/>
        <source>上一篇</source>
        <translation>Previous article</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="45"/>
        <source>下一处</source>
        <translation>Next hit</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="46"/>
        <source>上一处</source>
        <translation>Previous hit</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="47"/>
        <source>列出待核对的文章</source>
        <translation>List articles to check</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="48"/>
        <source>查询语法</source>
        <translation>Query syntax</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="49"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="50"/>
        <source>团队数据库…</source>
        <translation>Team database…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="51"/>
        <source>加书签</source>
        <translation>Bookmark</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="52"/>
        <source>编辑笔记…</source>
        <translation>Edit note…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="53"/>
        <source>加标签…</source>
        <translation>Add tag…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="54"/>
        <source>给全部结果加标签…</source>
        <translation>Tag every result…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="55"/>
        <source>保存搜索…</source>
        <translation>Save search…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="56"/>
        <source>撤销标注修改</source>
        <translation>Undo annotation change</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="57"/>
        <source>导出文章列表（Excel/CSV）…</source>
        <translation>Export article list (Excel/CSV)…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="58"/>
        <source>导出选中的文章…</source>
        <translation>Export selected articles…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="59"/>
        <source>汇编选中文章为 Word…</source>
        <translation>Compile selected articles into Word…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="60"/>
        <source>导出标注…</source>
        <translation>Export annotations…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="61"/>
        <source>导入标注…</source>
        <translation>Import annotations…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="62"/>
        <source>GB/T 7714 著录格式</source>
        <translation>GB/T 7714 reference style</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="63"/>
        <source>文字引用格式</source>
        <translation>Chinese prose citation</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="79"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="87"/>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="91"/>
        <source>查看(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="98"/>
        <source>设置(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="100"/>
        <source>引用格式(&amp;C)</source>
        <translation>&amp;Citation style</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="102"/>
        <source>语言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="104"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/commands.py" line="108"/>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
</context>
<context>
    <name>CompileDialog</name>
    <message>
        <location filename="../../viewer/ui/compile_dialog.py" line="13"/>
        <source>汇编为 Word</source>
        <translation>Compile to Word</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/compile_dialog.py" line="16"/>
        <source>例如：2025年3月—2025年7月</source>
        <translation>e.g. 2025年3月—2025年7月</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/compile_dialog.py" line="21"/>
        <source>共 {0} 篇文章</source>
        <translation>{0} article(s)</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/compile_dialog.py" line="22"/>
        <source>标题：</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/compile_dialog.py" line="23"/>
        <source>日期范围：</source>
        <translation>Date range:</translation>
    </message>
</context>
<context>
    <name>ContextMenus</name>
    <message>
        <location filename="../../viewer/ui/context_menus.py" line="67"/>
        <source>去掉标签</source>
        <translation>Remove tag</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/context_menus.py" line="79"/>
        <location filename="../../viewer/ui/context_menus.py" line="104"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/context_menus.py" line="80"/>
        <source>打开并复制引用</source>
        <translation>Open and copy citation</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/context_menus.py" line="84"/>
        <source>列出这里的文章</source>
        <translation>List these articles</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/context_menus.py" line="92"/>
        <location filename="../../viewer/ui/context_menus.py" line="106"/>
        <source>删除书签</source>
        <translation>Remove bookmark</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/context_menus.py" line="94"/>
        <source>加书签</source>
        <translation>Bookmark</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/context_menus.py" line="105"/>
        <source>编辑笔记…</source>
        <translation>Edit note…</translation>
    </message>
</context>
<context>
    <name>Continuation</name>
    <message>
        <location filename="../../viewer/ui/continuation.py" line="30"/>
        <source>【{0}】</source>
        <translation>[{0}]</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/continuation.py" line="44"/>
        <source>本文上接第{0}版</source>
        <translation>Continued from page {0}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/continuation.py" line="45"/>
        <source>本文上接他版（开头不在本版）</source>
        <translation>Continued from another page (the beginning is not on this page)</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/continuation.py" line="46"/>
        <source>阅读上文</source>
        <translation>Read the beginning</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/continuation.py" line="48"/>
        <source>下转第{0}版</source>
        <translation>Continued on page {0}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/continuation.py" line="49"/>
        <source>下转他版（本版到此为止）</source>
        <translation>Continued on another page (this page ends here)</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/continuation.py" line="50"/>
        <source>阅读下文</source>
        <translation>Read the rest</translation>
    </message>
</context>
<context>
    <name>FacetPanel</name>
    <message>
        <location filename="../../viewer/ui/facet_panel.py" line="35"/>
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/facet_panel.py" line="36"/>
        <source>出版物</source>
        <translation>Publication</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/facet_panel.py" line="37"/>
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/facet_panel.py" line="48"/>
        <source>只看这一项</source>
        <translation>Show only this</translation>
    </message>
</context>
<context>
    <name>FilterChips</name>
    <message>
        <location filename="../../viewer/ui/filter_chips.py" line="61"/>
        <source>去掉这个筛选条件</source>
        <translation>Remove this filter</translation>
    </message>
</context>
<context>
    <name>HelpDialogs</name>
    <message>
        <location filename="../../viewer/ui/help_dialogs.py" line="21"/>
        <source>查询语法</source>
        <translation>Query syntax</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/help_dialogs.py" line="22"/>
        <source>空格分隔的词须同时出现；连写的中文按原文连续匹配。
&quot;带 空格的 短语&quot;&#x3000;OR 表示或者&#x3000;-词 表示排除
标题:工会&#x3000;作者:王鑫&#x3000;地区:盐城（含下属县区）&#x3000;日期:2025 / 2025-03 / 2025-03-01..2025-04-30&#x3000;出版物:江苏工人报&#x3000;标签:产改（含下级标签）&#x3000;类型:图片 / 简讯 / 专栏 / 转载 / 续
勾选“模糊”：把一句话拆成词，各词都出现即可。</source>
        <translation>Words separated by spaces must all occur; unspaced Chinese matches as contiguous text.
&quot;a phrase with spaces&quot;   OR for either   -word to exclude
标题:/title:工会   作者:/author:王鑫   地区:/region:盐城 (with its counties)   日期:/date:2025 / 2025-03 / 2025-03-01..2025-04-30   出版物:/pub:江苏工人报   标签:/tag:产改 (with the tags below it)   类型:/kind:图片 photo / 简讯 brief / 专栏 column / 转载 reprint / 续 continued
Tick “Loose” to split a sentence into words that must all occur.</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/help_dialogs.py" line="30"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/help_dialogs.py" line="31"/>
        <source>报刊档案阅览
档案：{0}
共 {1} 篇，生成于 {2}</source>
        <translation>Press Archive Viewer
Archive: {0}
{1} articles, built {2}</translation>
    </message>
</context>
<context>
    <name>HitListModel</name>
    <message>
        <location filename="../../viewer/ui/list_model.py" line="50"/>
        <source>标题</source>
        <translation>Headline</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/list_model.py" line="51"/>
        <source>出版物</source>
        <translation>Publication</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/list_model.py" line="52"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/list_model.py" line="53"/>
        <source>版次</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/list_model.py" line="54"/>
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/list_model.py" line="55"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
</context>
<context>
    <name>ImportActions</name>
    <message>
        <location filename="../../viewer/ui/import_actions.py" line="53"/>
        <source>导入版面…</source>
        <translation>Import Pages…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/import_actions.py" line="56"/>
        <source>重新核对此版…</source>
        <translation>Review This Page Again…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/import_actions.py" line="66"/>
        <location filename="../../viewer/ui/import_actions.py" line="73"/>
        <source>版面</source>
        <translation>Printed Page</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/import_actions.py" line="78"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/import_actions.py" line="97"/>
        <source>正在把新版档案并入个人档案库…</source>
        <translation>Merging the new archive into your library…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/import_actions.py" line="105"/>
        <source>新版档案已并入个人档案库</source>
        <translation>The new archive was merged into your library</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/import_actions.py" line="107"/>
        <source>个人档案库</source>
        <translation>Your library</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/import_actions.py" line="113"/>
        <source>导入版面</source>
        <translation>Import Pages</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/import_actions.py" line="114"/>
        <source>版面文件 (*.pdf *.txt);;所有文件 (*)</source>
        <translation>Page files (*.pdf *.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/import_actions.py" line="143"/>
        <source>已导入 {0} 版，{1} 篇文章</source>
        <translation>Imported {0} pages, {1} articles</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/import_actions.py" line="180"/>
        <location filename="../../viewer/ui/import_actions.py" line="185"/>
        <location filename="../../viewer/ui/import_actions.py" line="188"/>
        <location filename="../../viewer/ui/import_actions.py" line="210"/>
        <source>重新核对此版</source>
        <translation>Review This Page Again</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/import_actions.py" line="180"/>
        <source>请先打开一篇导入的文章。</source>
        <translation>Open an imported article first.</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/import_actions.py" line="227"/>
        <source>这篇文章没有版面图（不是从 PDF 导入的）。</source>
        <translation>This article has no printed page (it was not imported from a PDF).</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/import_actions.py" line="238"/>
        <source>{0} 第 {1} 页（Ctrl+滚轮缩放，拖动平移，点击其他区域打开该文）</source>
        <translation>{0}, page {1} (Ctrl+wheel zooms, drag to pan, click another area to open that article)</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../viewer/ui/import_dialog.py" line="72"/>
        <source>导入版面</source>
        <translation>Import Pages</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/import_dialog.py" line="84"/>
        <source>正在启动导入…</source>
        <translation>Starting the import…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/import_dialog.py" line="90"/>
        <source>导入前逐版核对</source>
        <translation>Review each page before saving</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/import_dialog.py" line="92"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/import_dialog.py" line="100"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/import_dialog.py" line="102"/>
        <source>正在读取下一版…</source>
        <translation>Reading the next page…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/import_dialog.py" line="126"/>
        <source>没有可导入的文件（PDF 或 .txt）。</source>
        <translation>No files to import (PDF or .txt).</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/import_dialog.py" line="165"/>
        <source>正在导入 {0}/{1}：{2}</source>
        <translation>Importing {0}/{1}: {2}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/import_dialog.py" line="171"/>
        <source>正在整理索引…</source>
        <translation>Tidying the index…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/import_dialog.py" line="195"/>
        <source>核对：{0}（第 {1}/{2} 页）</source>
        <translation>Review: {0} (page {1}/{2})</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/import_dialog.py" line="253"/>
        <source>导入已结束</source>
        <translation>Import finished</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../../viewer/ui/i18n.py" line="49"/>
        <source>zh_CN</source>
        <translation>en</translation>
    </message>
</context>
<context>
    <name>ListPanel</name>
    <message>
        <location filename="../../viewer/ui/list_panel.py" line="81"/>
        <source>正在查找“{0}”…</source>
        <translation>Searching for “{0}”…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/list_panel.py" line="86"/>
        <source>“{0}”：正在统计总数…</source>
        <translation>“{0}”: counting matches…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/list_panel.py" line="88"/>
        <source>已显示前 {0} 篇，用时 {1} 毫秒</source>
        <translation>First {0} shown in {1} ms</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/list_panel.py" line="93"/>
        <source>“{0}”：找到 {1} 篇</source>
        <translation>“{0}”: {1} found</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/list_panel.py" line="94"/>
        <source>找到 {0} 篇，用时 {1} 毫秒</source>
        <translation>{0} found in {1} ms</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/list_panel.py" line="107"/>
        <source>{0}：{1} 篇</source>
        <translation>{0}: {1} articles</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="64"/>
        <source>报刊档案阅览</source>
        <translation>Press Archive Viewer</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="205"/>
        <source>共 {0} 篇文章</source>
        <translation>{0} articles</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="93"/>
        <source>在左侧选择地区或期次，或在上方输入要查找的文字。</source>
        <translation>Choose a region or an issue on the left, or type what to find above.</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <location filename="../../viewer/ui/navigation.py" line="111"/>
        <source>待核对</source>
        <translation>To check</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/navigation.py" line="132"/>
        <source>没有找到“{0}”。可以试试：换一个更短的词；去掉地区、日期等筛选；勾选“模糊”把一句话拆成词；检查有没有错别字。</source>
        <translation>Nothing found for “{0}”. Try: a shorter word; removing region or date filters; ticking “Loose” to split a sentence into words; checking for typos.</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/navigation.py" line="148"/>
        <source>无法打开这篇文章：{0}</source>
        <translation>Cannot open this article: {0}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/navigation.py" line="149"/>
        <source>档案文件可能已损坏</source>
        <translation>The archive file may be damaged</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/navigation.py" line="158"/>
        <source>本文 {0} 处命中（F3 下一处）</source>
        <translation>Hits in this article: {0} (F3: next)</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/navigation.py" line="173"/>
        <source>第 {0}/{1} 处</source>
        <translation>Hit {0} of {1}</translation>
    </message>
</context>
<context>
    <name>NavigatorPanel</name>
    <message>
        <location filename="../../viewer/ui/navigator_panel.py" line="49"/>
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/navigator_panel.py" line="50"/>
        <source>期次</source>
        <translation>Issues</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/navigator_panel.py" line="76"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/navigator_panel.py" line="77"/>
        <source>书签</source>
        <translation>Bookmarks</translation>
    </message>
</context>
<context>
    <name>OutputActions</name>
    <message>
        <location filename="../../viewer/ui/output_actions.py" line="63"/>
        <location filename="../../viewer/ui/output_actions.py" line="91"/>
        <source>导出文章列表</source>
        <translation>Export article list</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/output_actions.py" line="73"/>
        <source>正在载入全部 {0} 篇…</source>
        <translation>Loading all {0} articles…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/output_actions.py" line="108"/>
        <source>无法写入文件：{0}</source>
        <translation>Cannot write the file: {0}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/output_actions.py" line="95"/>
        <source>已导出 {0} 篇：{1}</source>
        <translation>Exported {0} articles: {1}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/output_actions.py" line="130"/>
        <location filename="../../viewer/ui/output_actions.py" line="134"/>
        <source>汇编为 Word</source>
        <translation>Compile into Word</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/output_actions.py" line="124"/>
        <location filename="../../viewer/ui/output_actions.py" line="127"/>
        <source>文章汇编</source>
        <translation>Compiled articles</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/output_actions.py" line="101"/>
        <source>正在写入 {0}…</source>
        <translation>Writing {0}…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/output_actions.py" line="120"/>
        <source>请先在列表中选择要汇编的文章</source>
        <translation>Select the articles to compile in the list first</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/output_actions.py" line="138"/>
        <source>已汇编 {0} 篇：{1}</source>
        <translation>Compiled {0} articles: {1}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/output_actions.py" line="147"/>
        <source>已复制引用：{0}</source>
        <translation>Citation copied: {0}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/output_actions.py" line="165"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/output_actions.py" line="175"/>
        <source>已保存：{0}</source>
        <translation>Saved: {0}</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <location filename="../../viewer/ui/progress.py" line="16"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Reader</name>
    <message>
        <location filename="../../viewer/ui/reader.py" line="101"/>
        <source>待核对：{0}</source>
        <translation>To check: {0}</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <location filename="../../viewer/ui/review_view.py" line="66"/>
        <source>本版</source>
        <translation>This page</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/review_view.py" line="68"/>
        <source>报刊</source>
        <translation>Publication</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/review_view.py" line="69"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/review_view.py" line="70"/>
        <source>版次</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/review_view.py" line="71"/>
        <source>版名</source>
        <translation>Section</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/review_view.py" line="85"/>
        <source>第 </source>
        <translation>after paragraph </translation>
    </message>
    <message>
        <location filename="../../viewer/ui/review_view.py" line="86"/>
        <source> 段后</source>
        <translation> </translation>
    </message>
    <message>
        <location filename="../../viewer/ui/review_view.py" line="88"/>
        <source>与下一篇合并</source>
        <translation>Merge with next</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/review_view.py" line="89"/>
        <source>拆分</source>
        <translation>Split</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/review_view.py" line="93"/>
        <source>文章</source>
        <translation>Article</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/review_view.py" line="95"/>
        <source>标题</source>
        <translation>Headline</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/review_view.py" line="96"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/review_view.py" line="97"/>
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/review_view.py" line="105"/>
        <source>不导入此版</source>
        <translation>Skip this page</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/review_view.py" line="106"/>
        <source>接受此版</source>
        <translation>Accept page</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/review_view.py" line="107"/>
        <source>全部接受</source>
        <translation>Accept all</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/review_view.py" line="117"/>
        <source>本版文章（点版面上的区域也可选）</source>
        <translation>Articles on this page (or click an area on the page)</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/review_view.py" line="184"/>
        <source>需核对：</source>
        <translation>Check: </translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <location filename="../../viewer/ui/search_bar.py" line="32"/>
        <source>查找：劳模工匠助企行&#x3000;地区:盐城&#x3000;日期:2025&#x3000;&quot;工会&quot; -南京（Ctrl+F）</source>
        <translation>Find: 劳模工匠助企行&#x3000;地区:盐城&#x3000;日期:2025&#x3000;&quot;工会&quot; -南京 (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/search_bar.py" line="37"/>
        <source>模糊</source>
        <translation>Loose</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/search_bar.py" line="38"/>
        <source>把一句话拆成词，各词都出现即可</source>
        <translation>Split a sentence into words; every word must occur</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/search_bar.py" line="39"/>
        <source>在结果中搜索</source>
        <translation>Search within results</translation>
    </message>
</context>
<context>
    <name>TagPanel</name>
    <message>
        <location filename="../../viewer/ui/annotation_panels.py" line="89"/>
        <source>孤立的标注（{0}）</source>
        <translation>Orphaned annotations ({0})</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_panels.py" line="90"/>
        <source>档案更新后找不到这些文章；标注仍然保留，可导出或删除</source>
        <translation>These articles are not in the updated archive; their annotations are kept and can be exported or deleted</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_panels.py" line="112"/>
        <source>重命名…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_panels.py" line="113"/>
        <source>合并到…</source>
        <translation>Merge into…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_panels.py" line="114"/>
        <source>颜色…</source>
        <translation>Colour…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_panels.py" line="115"/>
        <source>上级标签…</source>
        <translation>Parent tag…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_panels.py" line="116"/>
        <source>常用键</source>
        <translation>Favourite key</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_panels.py" line="120"/>
        <source>删除…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_panels.py" line="129"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_panels.py" line="133"/>
        <source>重命名标签</source>
        <translation>Rename tag</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_panels.py" line="133"/>
        <source>新名称：</source>
        <translation>New name:</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_panels.py" line="140"/>
        <source>合并标签</source>
        <translation>Merge tag</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_panels.py" line="140"/>
        <source>把“{0}”合并到：</source>
        <translation>Merge “{0}” into:</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_panels.py" line="146"/>
        <source>标签颜色</source>
        <translation>Tag colour</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_panels.py" line="151"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_panels.py" line="153"/>
        <source>上级标签</source>
        <translation>Parent tag</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_panels.py" line="153"/>
        <source>“{0}”的上级：</source>
        <translation>Parent of “{0}”:</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_panels.py" line="162"/>
        <source>删除标签</source>
        <translation>Delete tag</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/annotation_panels.py" line="162"/>
        <source>删除标签“{0}”？它将从 {1} 篇文章上移除，文章本身不受影响。</source>
        <translation>Delete the tag “{0}”? It is removed from {1} articles; the articles themselves are not affected.</translation>
    </message>
</context>
<context>
    <name>WindowSettings</name>
    <message>
        <location filename="../../viewer/ui/settings.py" line="80"/>
        <location filename="../../viewer/ui/settings.py" line="87"/>
        <location filename="../../viewer/ui/settings.py" line="90"/>
        <source>团队数据库</source>
        <translation>Team database</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/settings.py" line="81"/>
        <source>团队共用的 PostgreSQL 地址（留空则使用本机数据），例如：
postgresql+psycopg://用户:密码@服务器/archive</source>
        <translation>The PostgreSQL address the team shares (empty: this computer&apos;s own data), e.g.
postgresql+psycopg://user:password@server/archive</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/settings.py" line="87"/>
        <source>地址应以 postgresql+psycopg:// 开头。</source>
        <translation>The address should start with postgresql+psycopg://.</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/settings.py" line="90"/>
        <source>将在重新启动后使用新的数据位置。</source>
        <translation>The new data location is used from the next start.</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/settings.py" line="105"/>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/settings.py" line="105"/>
        <source>界面语言将在重新启动后切换。</source>
        <translation>The interface language changes when the program is restarted.</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../viewer/ui/import_actions.py" line="172"/>
        <source>共 {0} 篇文章</source>
        <translation>{0} articles</translation>
    </message>
</context>
</TS>
