using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Tsunagu.Host.Tests;

/// <summary>Bodies no handler could read get a 400 problem naming the place, and change nothing, on every JSON endpoint.</summary>
[TestClass]
public sealed class MalformedBodyTests
{
    public static IEnumerable<object[]> Cases()
    {
        (string Path, string User)[] paths =
        [
            ("/api/routing/evaluate", TsunaguHost.Caseworker),
            ("/api/cases", TsunaguHost.Caseworker),
            ($"/api/tasks/{Guid.NewGuid()}/complete", TsunaguHost.Caseworker),
            ("/api/cases/some-case/consent", TsunaguHost.Caseworker),
            ("/api/meetings", "multi-agency-caseworker"),
            ("/api/meetings/some-meeting/information-requests", "multi-agency-caseworker"),
            ("/api/auth/token", ""),
            ("/api/auth/password", TsunaguHost.Caseworker),
            ("/api/admin/accounts", "matsudo-admin"),
        ];
        var bodies = new (string Name, byte[] Bytes, string Field)[]
        {
            ("empty", [], "body"),
            ("invalid UTF-8 in a string", [.. "{\"municipality\":\""u8, 0xC3, 0x28, .. "\"}"u8], "municipality"),
            ("lone surrogate escape", Encoding.UTF8.GetBytes("""{"municipality":"\ud800"}"""), "municipality"),
            ("duplicate key", Encoding.UTF8.GetBytes("""{"municipality":"matsudo","municipality":"ichikawa"}"""), "municipality"),
            ("not JSON", Encoding.UTF8.GetBytes("{\"municipality\":"), "body"),
        };
        return paths.SelectMany(p => bodies.Select(b => new object[] { p.Path, p.User, b.Name, b.Bytes, b.Field }));
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public async Task Post_UnreadableBody_Is400ProblemNamingTheField(string path, string user, string name, byte[] body, string field)
    {
        using var client = user.Length == 0 ? TsunaguHost.Shared.CreateClient() : TsunaguHost.Client(user);
        using var observer = TsunaguHost.Client();
        var tasksBefore = await InboxCountAsync(observer);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);

        var text = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, $"{name}: {text}");
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType, name);
        using var problem = JsonDocument.Parse(text);
        Assert.AreEqual(field, problem.RootElement.GetProperty("field").GetString(), name);
        Assert.AreEqual(tasksBefore, await InboxCountAsync(observer), "nothing was created");
    }

    private static async Task<int> InboxCountAsync(HttpClient client)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/tasks", UriKind.Relative)));
        return document.RootElement.GetArrayLength();
    }
}
