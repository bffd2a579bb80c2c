namespace Tsunagu.Bench;

/// <summary>A seeded person: 氏名 and カナ with a space between family and given name, as intake records them.</summary>
internal sealed record SeededPerson(string Id, string Name, string Kana, DateOnly BirthDate, string Address, string Area);

/// <summary>
/// People with Japanese names as a city's register has them: a head of common family names (佐藤, 鈴木… weighted by
/// rank) for about 40 %, a long tail of 400 rarer ones for the rest, common given names, birth dates 1930–2010 and
/// addresses in the pack's 圏域. The same on every pass.
/// </summary>
internal static class PeopleSeed
{
    private static readonly (string Name, string Kana)[] CommonFamilies =
    [
        ("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"), ("伊藤", "イトウ"), ("渡辺", "ワタナベ"),
        ("山本", "ヤマモト"), ("中村", "ナカムラ"), ("小林", "コバヤシ"), ("加藤", "カトウ"), ("吉田", "ヨシダ"), ("山田", "ヤマダ"),
        ("佐々木", "ササキ"), ("山口", "ヤマグチ"), ("松本", "マツモト"), ("井上", "イノウエ"), ("木村", "キムラ"), ("林", "ハヤシ"),
        ("斎藤", "サイトウ"), ("清水", "シミズ"), ("山崎", "ヤマザキ"), ("森", "モリ"), ("池田", "イケダ"), ("橋本", "ハシモト"),
        ("阿部", "アベ"), ("石川", "イシカワ"), ("山下", "ヤマシタ"), ("中島", "ナカジマ"), ("石井", "イシイ"), ("小川", "オガワ"),
        ("前田", "マエダ"), ("岡田", "オカダ"), ("長谷川", "ハセガワ"), ("藤田", "フジタ"), ("後藤", "ゴトウ"), ("近藤", "コンドウ"),
        ("村上", "ムラカミ"), ("遠藤", "エンドウ"), ("青木", "アオキ"), ("坂本", "サカモト"),
    ];

    // Tail names from two parts, read part by part (小+川 → コガワ is close enough for a search's load).
    private static readonly (string Name, string Kana)[] Heads =
    [
        ("小", "コ"), ("大", "オオ"), ("上", "カミ"), ("下", "シモ"), ("西", "ニシ"), ("東", "ヒガシ"), ("北", "キタ"), ("南", "ミナミ"),
        ("高", "タカ"), ("長", "ナガ"), ("石", "イシ"), ("松", "マツ"), ("竹", "タケ"), ("梅", "ウメ"), ("桜", "サクラ"), ("柳", "ヤナギ"),
        ("杉", "スギ"), ("浅", "アサ"), ("深", "フカ"), ("宮", "ミヤ"),
    ];

    private static readonly (string Name, string Kana)[] Tails =
    [
        ("川", "カワ"), ("田", "タ"), ("野", "ノ"), ("山", "ヤマ"), ("島", "シマ"), ("沢", "サワ"), ("原", "ハラ"), ("村", "ムラ"),
        ("本", "モト"), ("井", "イ"), ("谷", "タニ"), ("岡", "オカ"), ("崎", "サキ"), ("木", "キ"), ("森", "モリ"), ("橋", "ハシ"),
        ("瀬", "セ"), ("口", "グチ"), ("尾", "オ"), ("江", "エ"),
    ];

    private static readonly (string Name, string Kana)[] Given =
    [
        ("太郎", "タロウ"), ("一郎", "イチロウ"), ("健一", "ケンイチ"), ("誠", "マコト"), ("浩", "ヒロシ"), ("隆", "タカシ"), ("翔太", "ショウタ"),
        ("大輔", "ダイスケ"), ("拓也", "タクヤ"), ("和夫", "カズオ"), ("茂", "シゲル"), ("勇", "イサム"), ("清", "キヨシ"), ("明", "アキラ"),
        ("正", "タダシ"), ("修", "オサム"), ("健太", "ケンタ"), ("蓮", "レン"), ("悠真", "ユウマ"), ("進", "ススム"),
        ("花子", "ハナコ"), ("幸子", "サチコ"), ("恵子", "ケイコ"), ("洋子", "ヨウコ"), ("和子", "カズコ"), ("美智子", "ミチコ"), ("久美子", "クミコ"),
        ("裕子", "ユウコ"), ("直美", "ナオミ"), ("真由美", "マユミ"), ("明美", "アケミ"), ("由美子", "ユミコ"), ("智子", "トモコ"), ("愛", "アイ"),
        ("結衣", "ユイ"), ("陽菜", "ヒナ"), ("美咲", "ミサキ"), ("さくら", "サクラ"), ("節子", "セツコ"), ("文子", "フミコ"),
    ];

    /// <summary>Given names no seeded person has: a search for a new person finds nobody.</summary>
    public static IReadOnlyList<(string Name, string Kana)> Unseen { get; } = [("すみれ", "スミレ"), ("忠", "タダシゲ"), ("千代", "チヨ"), ("勘助", "カンスケ")];

    public static IReadOnlyList<(string Name, string Kana)> Families { get; } =
        [.. CommonFamilies, .. Heads.SelectMany(h => Tails.Select(t => (h.Name + t.Name, h.Kana + t.Kana)))];

    public static IReadOnlyList<(string Name, string Kana)> GivenNames => Given;

    /// <summary><paramref name="count"/> people; person i's id is <c>person-i</c>.</summary>
    public static IEnumerable<SeededPerson> People(int count, IReadOnlyList<string> areas)
    {
        var random = new Random(23);
        for (var i = 0; i < count; i++)
        {
            var family = random.Next(10) < 4
                ? CommonFamilies[(int)Math.Min(CommonFamilies.Length - 1, -Math.Log(1 - random.NextDouble()) * 10)]
                : Families[CommonFamilies.Length + random.Next(Families.Count - CommonFamilies.Length)];
            var given = Given[random.Next(Given.Length)];
            var born = new DateOnly(1930, 1, 1).AddDays(random.Next(80 * 365));
            var area = areas[random.Next(areas.Count)];
            yield return new SeededPerson(
                $"person-{i:D7}", $"{family.Name} {given.Name}", $"{family.Kana} {given.Kana}", born,
                $"千葉県松戸市{area}{random.Next(1, 6)}丁目{random.Next(1, 30)}-{random.Next(1, 20)}", area);
        }
    }
}
