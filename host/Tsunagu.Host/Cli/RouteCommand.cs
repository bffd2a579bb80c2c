using System.CommandLine;
using System.Text.Json;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Routing;

namespace Tsunagu.Host.Cli;

/// <summary>
/// <c>tsunagu route --input case.json [--pack-dir DIR]</c>: routes one consultation with its municipality's pack and prints
/// the result JSON. Exit 0 routed, 2 invalid input, 1 broken pack or rules.
/// </summary>
public static class RouteCommand
{
    private const long MaxInputBytes = 1024 * 1024;

    public static Command Create()
    {
        var input = new Option<FileInfo>("--input") { Description = "The consultation as JSON (municipality, person, household, consent)", Required = true };
        var packDir = new Option<DirectoryInfo?>("--pack-dir")
        {
            Description = "A folder of pack folders (one per municipality id) that replace the shipped packs",
        };
        var command = new Command("route", "Route a consultation to institutions with the municipality's routing rules (routing.dmn)") { input, packDir };
        command.SetAction(result =>
        {
            try
            {
                using var json = ReadInput(result.GetValue(input)!);
                var routing = new RoutingService(new PackCatalog(result.GetValue(packDir)?.FullName)).Route(json.RootElement);
                Console.Out.WriteLine(routing.ToJson());
                return 0;
            }
            catch (RoutingValidationException e)
            {
                Console.Error.WriteLine($"Invalid input: {e.Message}");
                return 2;
            }
            catch (Exception e) when (e is PackException or RoutingRulesException)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }

    private static JsonDocument ReadInput(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new RoutingValidationException("--input", $"No such file: {file.FullName}");
        }

        if (file.Length > MaxInputBytes)
        {
            throw new RoutingValidationException("--input", $"The file is larger than {MaxInputBytes / 1024} KB.");
        }

        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(file.FullName), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new RoutingValidationException("--input", $"Not valid JSON (line {e.LineNumber + 1}).", e);
        }
    }
}
