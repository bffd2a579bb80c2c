using Tsunagu.Rules.Dmn.Model;

namespace Tsunagu.Rules.Dmn;

/// <summary>The model namespace of each DMN version, as the OMG XSDs declare them.</summary>
internal static class DmnNamespaces
{
    public const string Dmn11 = "http://www.omg.org/spec/DMN/20151101/dmn.xsd";
    public const string Dmn12 = "http://www.omg.org/spec/DMN/20180521/MODEL/";
    public const string Dmn13 = "https://www.omg.org/spec/DMN/20191111/MODEL/";
    public const string Dmn14 = "https://www.omg.org/spec/DMN/20211108/MODEL/";
    public const string Dmn15 = "https://www.omg.org/spec/DMN/20230324/MODEL/";

    private static readonly Dictionary<string, DmnVersion> Versions = new(StringComparer.Ordinal)
    {
        [Dmn11] = DmnVersion.Dmn11,
        [Dmn12] = DmnVersion.Dmn12,
        [Dmn13] = DmnVersion.Dmn13,
        [Dmn14] = DmnVersion.Dmn14,
        [Dmn15] = DmnVersion.Dmn15,
    };

    /// <summary>Also accepts the other URI scheme (http/https), which some tools write for the same version.</summary>
    public static bool TryGetVersion(string ns, out DmnVersion version)
    {
        ArgumentNullException.ThrowIfNull(ns);
        if (Versions.TryGetValue(ns, out version))
        {
            return true;
        }

        var swapped = ns.StartsWith("https://", StringComparison.Ordinal) ? "http://" + ns[8..]
            : ns.StartsWith("http://", StringComparison.Ordinal) ? "https://" + ns[7..]
            : ns;
        return Versions.TryGetValue(swapped, out version);
    }
}
