using Tsunagu.Cases.Routing;
using Tsunagu.Cases.Tests.Packs;

namespace Tsunagu.Cases.Tests.Routing;

[TestClass]
public sealed class MatsudoRoutingServiceTests : MatsudoRoutingTests
{
    protected override RoutingResult RouteJson(string json) => Samples.Route(json);
}

[TestClass]
public sealed class IchikawaRoutingServiceTests : IchikawaRoutingTests
{
    protected override RoutingResult RouteJson(string json) => Samples.Route(json);
}
