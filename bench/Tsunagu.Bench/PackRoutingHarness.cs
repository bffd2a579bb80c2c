using System.Diagnostics;
using System.Globalization;
using Tsunagu.Cases;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Routing;
using Tsunagu.Cases.Routing.Rules;

namespace Tsunagu.Bench;

/// <summary>
/// Full pack routing on NRules (tables + structural rules, a new session per case, validation included), the rule-set
/// compile a deployment pays, and a 試算 over 10,000 past cases. Stopwatch figures, best of three rounds.
/// </summary>
internal static class PackRoutingHarness
{
    private const int Cases = 10_000;

    public static void Run()
    {
        var catalog = new PackCatalog();
        foreach (var id in PackCatalog.Shipped)
        {
            var pack = catalog.Get(id);
            var random = new Random(42);
            var requests = Enumerable.Range(0, Cases).Select(_ => Generate(random, pack)).ToArray();
            RouteAll(pack, requests);
            var routing = Best(() => RouteAll(pack, requests));
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            RouteAll(pack, requests);
            var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / Cases;
            RoutingRuleSet.Compile(pack.Routing, pack.Institutions);
            var compile = Best(() => RoutingRuleSet.Compile(pack.Routing, pack.Institutions));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{id}: route {routing.TotalMicroseconds / Cases:F1} µs/case ({bytes / 1024.0:F1} KB), 試算 {Cases} cases {routing.TotalMilliseconds:F0} ms, rule-set compile {compile.TotalMilliseconds:F1} ms"));
        }
    }

    private static void RouteAll(SamplePack pack, RoutingRequest[] requests)
    {
        foreach (var request in requests)
        {
            try
            {
                RoutingService.Route(request, pack);
            }
            catch (RoutingValidationException)
            {
                // A consultation without its area is refused, as the API would.
            }
        }
    }

    private static TimeSpan Best(Action action) => Enumerable.Range(0, 3).Select(_ =>
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed;
    }).Min();

    private static RoutingRequest Generate(Random random, SamplePack pack)
    {
        var areas = pack.Settings.Areas.Count > 0 ? pack.Settings.Areas : ["北部"];
        return new RoutingRequest
        {
            Municipality = pack.Municipality.Id,
            Person = Fill(random, new RoutingPerson { Area = areas[random.Next(areas.Count)] }),
            Household = [.. Enumerable.Range(0, random.Next(3)).Select(_ => Fill(random, new HouseholdMember()))],
            Consent = random.Next(2) == 0 ? ConsentStatus.Granted : ConsentStatus.NotGranted,
        };
    }

    private static T Fill<T>(Random random, T subject) where T : RoutingSubject => subject with
    {
        Age = random.Next(0, 101),
        Concerns = [.. Concern.All.OrderBy(_ => random.Next()).Take(random.Next(3))],
    };
}
