using System.Text;
using Microsoft.Extensions.Options;
using Tsunagu.Cases;
using Tsunagu.Host.Composition;

namespace Tsunagu.Host.Endpoints;

/// <summary>Reads a model posted as XML: at most <see cref="TsunaguSettings.MaxRequestBytes"/>, even without a declared length.</summary>
public static class XmlBody
{
    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = request.HttpContext.RequestServices.GetRequiredService<IOptions<TsunaguSettings>>().Value.MaxRequestBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                throw new BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
            }
        }

        return buffer.Length > 0 ? buffer.ToArray() : throw new CaseInputException("body", "An XML body is required.");
    }

    public static async Task<string> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        Encoding.UTF8.GetString(await ReadBytesAsync(request, cancellationToken));
}
