using System.Text.Json;
using Microsoft.Extensions.Options;
using Tsunagu.Cases;
using Tsunagu.Host.Composition;

namespace Tsunagu.Host.Endpoints;

/// <summary>
/// A request body that is one well-formed JSON value: present, within the size limit, valid UTF-8 with no lone
/// surrogate escapes, no duplicate keys in an object. Anything else is a 400 problem naming the place, before a
/// handler runs, so a handler never meets a value it cannot read.
/// </summary>
public sealed class JsonBody : IDisposable
{
    private const int MaxDepth = 32;
    private readonly JsonDocument _document;

    private JsonBody(JsonDocument document) => _document = document;

    private static readonly JsonSerializerOptions Typed = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public JsonElement Root => _document.RootElement;

    /// <summary>The body as a typed request; a missing, unknown or mistyped member is a 400 naming it.</summary>
    public T Read<T>()
    {
        try
        {
            return Root.Deserialize<T>(Typed) ?? throw new CaseInputException("body", "A JSON object is expected.");
        }
        catch (JsonException e)
        {
            var (field, what) = Describe(e);
            throw new CaseInputException(field, $"The body does not match the request's shape: {what}.");
        }
    }

    /// <summary>The member at fault and what is wrong with it, in the body's own names (the serializer's message names .NET types).</summary>
    private static (string Field, string What) Describe(JsonException e)
    {
        var path = e.Path is null or "$" ? "" : e.Path.TrimStart('$', '.');
        const string Missing = "missing required properties including: ";
        var missing = e.Message.IndexOf(Missing, StringComparison.Ordinal);
        if (missing >= 0)
        {
            var name = e.Message[(missing + Missing.Length)..].Split(',')[0].Trim(' ', '\'', '.');
            return (path.Length == 0 ? name : $"{path}.{name}", $"'{name}' is required");
        }

        var unknown = e.Message.Contains("could not be mapped", StringComparison.Ordinal);
        return (path.Length == 0 ? "body" : path, unknown ? "an unknown member" : "a value of the wrong type");
    }

    /// <summary>Minimal API binding: reads and checks the body.</summary>
    public static async ValueTask<JsonBody?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = context.RequestServices.GetRequiredService<IOptions<TsunaguSettings>>().Value.MaxRequestBytes;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length == 0)
        {
            throw new CaseInputException("body", "A JSON body is required.");
        }

        if (buffer.Length > limit)
        {
            throw new BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            throw new CaseInputException("body", $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }

        try
        {
            Check(document.RootElement, "");
            return new JsonBody(document);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    public void Dispose() => _document.Dispose();

    private static void Check(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var name = Text(() => property.Name, path);
                    var at = path.Length == 0 ? name : $"{path}.{name}";
                    if (!names.Add(name))
                    {
                        throw new CaseInputException(at, $"The key '{name}' appears twice.");
                    }

                    Check(property.Value, at);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Check(item, $"{path}[{index++}]");
                }

                break;
            case JsonValueKind.String:
                Text(element.GetString, path);
                break;
        }
    }

    /// <summary>Reads a string, turning invalid UTF-8 or a lone surrogate escape into a client error at <paramref name="path"/>.</summary>
    private static string Text(Func<string?> read, string path)
    {
        try
        {
            return read() ?? "";
        }
        catch (InvalidOperationException)
        {
            throw new CaseInputException(path.Length == 0 ? "body" : path, "A string is not valid UTF-8 or holds a lone surrogate escape.");
        }
    }
}
