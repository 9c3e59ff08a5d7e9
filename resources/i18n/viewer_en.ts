<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>FacetPanel</name>
    <message>
        <location filename="../../viewer/ui/facet_panel.py" line="29" />
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/facet_panel.py" line="30" />
        <source>出版物</source>
        <translation>Publication</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/facet_panel.py" line="31" />
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/facet_panel.py" line="42" />
        <source>只看这一项</source>
        <translation>Show only this</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="69" />
        <source>报刊档案阅览</source>
        <translation>Press Archive Viewer</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="77" />
        <source>共 {0} 篇文章</source>
        <translation>{0} articles</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="84" />
        <source>查找：劳模工匠助企行　地区:盐城　日期:2025　"工会" -南京（Ctrl+F）</source>
        <translation>Find: 劳模工匠助企行　地区:盐城　日期:2025　"工会" -南京 (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="89" />
        <source>模糊</source>
        <translation>Loose</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="90" />
        <source>把一句话拆成词，各词都出现即可</source>
        <translation>Split a sentence into words; every word must occur</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="91" />
        <source>在结果中搜索</source>
        <translation>Search within results</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="98" />
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="99" />
        <source>期次</source>
        <translation>Issues</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="130" />
        <source>在左侧选择地区或期次，或在上方输入要查找的文字。</source>
        <translation>Choose a region or an issue on the left, or type what to find above.</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="157" />
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="158" />
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="159" />
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="160" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="161" />
        <source>复制引用</source>
        <translation>Copy citation</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="162" />
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="164" />
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="165" />
        <source>原始大小</source>
        <translation>Actual size</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="166" />
        <source>后退</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="167" />
        <source>前进</source>
        <translation>Forward</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="168" />
        <source>下一篇</source>
        <translation>Next article</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="169" />
        <source>上一篇</source>
        <translation>Previous article</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="170" />
        <source>下一处</source>
        <translation>Next hit</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="171" />
        <source>上一处</source>
        <translation>Previous hit</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="172" />
        <location filename="../../viewer/ui/main_window.py" line="409" />
        <source>查询语法</source>
        <translation>Query syntax</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="173" />
        <location filename="../../viewer/ui/main_window.py" line="417" />
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="178" />
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="182" />
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="184" />
        <source>查看(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="189" />
        <source>语言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="191" />
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="194" />
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="264" />
        <source>正在查找“{0}”…</source>
        <translation>Searching for “{0}”…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="294" />
        <source>“{0}”：找到 {1} 篇</source>
        <translation>“{0}”: {1} articles found</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="295" />
        <source>找到 {0} 篇，用时 {1} 毫秒</source>
        <translation>{0} found in {1} ms</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="300" />
        <source>没有找到“{0}”。可以试试：换一个更短的词；去掉地区、日期等筛选；勾选“模糊”把一句话拆成词；检查有没有错别字。</source>
        <translation>Nothing found for “{0}”. Try: a shorter word; removing region or date filters; ticking “Loose” to split a sentence into words; checking for typos.</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="325" />
        <source>{0}：{1} 篇</source>
        <translation>{0}: {1} articles</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="358" />
        <source>本文 {0} 处命中（F3 下一处）</source>
        <translation>{0} hits in this article (F3: next)</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="379" />
        <source>已复制引用：{0}</source>
        <translation>Citation copied: {0}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="392" />
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="400" />
        <source>已保存：{0}</source>
        <translation>Saved: {0}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="406" />
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="406" />
        <source>界面语言将在重新启动后切换。</source>
        <translation>The interface language changes when the program is restarted.</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="410" />
        <source>空格分隔的词须同时出现；连写的中文按原文连续匹配。
"带 空格的 短语"　OR 表示或者　-词 表示排除
标题:工会　作者:王鑫　地区:盐城（含下属县区）　日期:2025 / 2025-03 / 2025-03-01..2025-04-30　出版物:江苏工人报
勾选“模糊”：把一句话拆成词，各词都出现即可。</source>
        <translation>Words separated by spaces must all occur; unspaced Chinese matches as contiguous text.
"a phrase with spaces"   OR for either   -word to exclude
标题:/title:工会   作者:/author:王鑫   地区:/region:盐城 (with its counties)   日期:/date:2025 / 2025-03 / 2025-03-01..2025-04-30   出版物:/pub:江苏工人报
Tick “Loose” to split a sentence into words that must all occur.</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="417" />
        <source>报刊档案阅览
档案：{0}
共 {1} 篇，生成于 {2}</source>
        <translation>Press Archive Viewer
Archive: {0}
{1} articles, built {2}</translation>
    </message>
</context>
</TS>