namespace Tsunagu.Host.Endpoints;

/// <summary>The shape of a command endpoint: read the typed body, run the command, answer 204.</summary>
internal static class BodyCommands
{
    public static async Task<IResult> NoContentAsync<T>(JsonBody body, Func<T, Task> command)
    {
        using (body)
        {
            await command(body.Read<T>());
            return Results.NoContent();
        }
    }
}
