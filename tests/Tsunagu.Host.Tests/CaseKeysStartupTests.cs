using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tsunagu.Host.Composition;

namespace Tsunagu.Host.Tests;

/// <summary>A case stored before the access keys existed (ADR 0027) stays findable, and after the next start-up its keys are written.</summary>
[TestClass]
public sealed class CaseKeysStartupTests
{
    private const string Worker = "jiritsu-caseworker";
    private const string Stranger = "ikiiki-kogane-caseworker";
    private const string Kana = "キーナシ タロウ";

    private static readonly string Intake = JsonSerializer.Serialize(new
    {
        window = "松戸市自立相談支援センター",
        consultation = JsonDocument.Parse("""{ "municipality": "matsudo", "person": { "age": 40, "concerns": ["poverty"] }, "household": [], "consent": "unknown" }""").RootElement,
        person = new { name = "鍵無 太郎", kana = Kana },
        route = "本人",
    });

    [TestMethod]
    public async Task Start_CaseStoredWithoutKeys_StaysFoundForItsCaseworkerAndGetsItsKeysAtStartUp()
    {
        var folder = Directory.CreateTempSubdirectory("tsunagu-keys").FullName;
        string caseId;
        string database;
        await using (var host = TsunaguHost.Start(folder))
        {
            database = host.Services.GetRequiredService<IOptions<TsunaguSettings>>().Value.DatabasePath;
            using var worker = TsunaguHost.Client(host, Worker);
            var (status, created) = await TsunaguHost.SendAsync(worker, HttpMethod.Post, "/api/cases", Intake);
            Assert.AreEqual(HttpStatusCode.Created, status, created.ToString());
            caseId = created.GetProperty("caseId").GetString()!;
            Assert.AreEqual(1, await KeysOfAsync(database, caseId, delete: true), "the intake wrote the case's key");

            CollectionAssert.AreEqual(new[] { caseId }, await FoundAsync(host, Worker), "a case without keys is still decided by the access rules");
            Assert.IsEmpty(await FoundAsync(host, Stranger));
        }

        SqliteConnection.ClearAllPools();
        await using (var restarted = TsunaguHost.Start(folder))
        {
            CollectionAssert.AreEqual(new[] { caseId }, await FoundAsync(restarted, Worker));
            for (var look = 0; look < 600 && await KeysOfAsync(database, caseId, delete: false) == 0; look++)
            {
                await Task.Delay(50);
            }

            Assert.AreEqual(1, await KeysOfAsync(database, caseId, delete: false), "after start-up, the missing keys were written in the background");
            Assert.IsEmpty(await FoundAsync(restarted, Stranger));
        }
    }

    private static async Task<string[]> FoundAsync(WebApplicationFactory<Program> host, string user)
    {
        using var client = TsunaguHost.Client(host, user);
        var (status, found) = await TsunaguHost.SendAsync(client, HttpMethod.Get, "/api/people?q=" + Uri.EscapeDataString(Kana));
        Assert.AreEqual(HttpStatusCode.OK, status, found.ToString());
        return [.. found.EnumerateArray().SelectMany(p => p.GetProperty("caseIds").EnumerateArray().Select(c => c.GetString()!))];
    }

    /// <summary>How many key rows the case has; <paramref name="delete"/> removes them, as a store written before 0008 has none.</summary>
    private static async Task<long> KeysOfAsync(string database, string caseId, bool delete)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var command = new SqliteCommand(
            delete ? "DELETE FROM instance_keys WHERE business_key = $case" : "SELECT COUNT(*) FROM instance_keys WHERE business_key = $case", connection);
        command.Parameters.AddWithValue("$case", caseId);
        return delete ? await command.ExecuteNonQueryAsync() : (long)(await command.ExecuteScalarAsync())!;
    }
}
