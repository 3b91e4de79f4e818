namespace Suanwang.Core.Sites;

/// <summary>The ISO 3166-1 alpha-2 country codes, with a dense index for bit sets.</summary>
public static class CountryCodes
{
    // ISO 3166-1 alpha-2 officially assigned codes (249 entries, as of 2024).
    private const string All =
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
        "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
        "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
        "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
        "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
        "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
        "UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

    private static readonly string[] s_codes = All.Split(' ');

    private static readonly Dictionary<string, int> s_index = All
        .Split(' ')
        .Select((code, i) => (code, i))
        .ToDictionary(x => x.code, x => x.i, StringComparer.Ordinal);

    /// <summary>Number of codes; every index is below this.</summary>
    public static int Count => s_index.Count;

    /// <summary>True for an assigned upper-case alpha-2 code.</summary>
    public static bool IsValid(string code) => s_index.ContainsKey(code);

    /// <summary>Dense index of a valid code, or -1.</summary>
    public static int IndexOf(string code) => s_index.TryGetValue(code, out var i) ? i : -1;

    /// <summary>The code at a dense index.</summary>
    public static string CodeAt(int index) => s_codes[index];
}
