using Tsunagu.Cases.Routing;
using Tsunagu.Cases.Tests.Routing;

namespace Tsunagu.Host.Tests;

[TestClass]
public sealed class MatsudoRoutingHttpTests : MatsudoRoutingTests
{
    protected override RoutingResult RouteJson(string json) => TsunaguHost.Route(json);
}

[TestClass]
[DoNotParallelize]
public sealed class MatsudoRoutingCliTests : MatsudoRoutingTests
{
    protected override RoutingResult RouteJson(string json) => RouteCliTests.Route(json);
}

[TestClass]
public sealed class IchikawaRoutingHttpTests : IchikawaRoutingTests
{
    protected override RoutingResult RouteJson(string json) => TsunaguHost.Route(json);
}

[TestClass]
[DoNotParallelize]
public sealed class IchikawaRoutingCliTests : IchikawaRoutingTests
{
    protected override RoutingResult RouteJson(string json) => RouteCliTests.Route(json);
}
