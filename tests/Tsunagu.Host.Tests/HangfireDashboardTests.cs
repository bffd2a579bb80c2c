using System.Net;
using Tsunagu.Engine.Hangfire;
using Tsunagu.Engine.Scheduling;

namespace Tsunagu.Host.Tests;

/// <summary>The Hangfire dashboard is for administrators only, and Hangfire is the scheduler a host runs by default.</summary>
[TestClass]
public sealed class HangfireDashboardTests
{
    [TestMethod]
    public async Task GetDashboard_Anonymous_Unauthorized()
    {
        using var anonymous = TsunaguHost.Shared.CreateClient();

        using var response = await anonymous.GetAsync(new Uri("/hangfire", UriKind.Relative));

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [TestMethod]
    public async Task GetDashboard_SignedInCaseworker_Forbidden()
    {
        using var caseworker = TsunaguHost.Client();

        using var response = await caseworker.GetAsync(new Uri("/hangfire", UriKind.Relative));

        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [TestMethod]
    public async Task GetDashboard_Admin_ShowsTheRecurringSweep()
    {
        using var admin = TsunaguHost.Client("matsudo-admin");

        using var response = await admin.GetAsync(new Uri("/hangfire/recurring", UriKind.Relative));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), HangfireJobScheduler.SweepJobId);
    }

    [TestMethod]
    public async Task GetDashboard_Admin_OffersNoCommands()
    {
        using var admin = TsunaguHost.Client("matsudo-admin");

        using var response = await admin.GetAsync(new Uri("/hangfire/recurring", UriKind.Relative));

        var page = await response.Content.ReadAsStringAsync();
        StringAssert.Contains(page, HangfireJobScheduler.SweepJobId);
        Assert.DoesNotContain("/hangfire/recurring/remove", page, "no button deletes a municipality's sweep");
        Assert.DoesNotContain("/hangfire/recurring/trigger", page);
    }

    [TestMethod]
    public void Scheduler_DefaultSettings_IsHangfireAndRuns()
    {
        var scheduler = TsunaguHost.Service<IRunningJobScheduler>();

        Assert.IsInstanceOfType<HangfireJobScheduler>(scheduler);
        Assert.IsTrue(scheduler.Healthy);
    }
}
