namespace Tsunagu.Cases;

/// <summary>The municipalities whose sample packs ship with Tsunagu (folder names under samples/).</summary>
public static class Municipality
{
    public const string Matsudo = "matsudo";
    public const string Ichikawa = "ichikawa";
}
