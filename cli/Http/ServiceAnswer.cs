using System.Text.Json;

namespace SessionService.Cli.Http;

/// <summary>A successful answer: its status and the body exactly as the service sent it.</summary>
public sealed record ServiceAnswer(int Status, string Body)
{
    public bool HasBody => Body.Length > 0;

    public JsonElement Json()
    {
        try
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new CliFailure(ExitCodes.Unavailable, "unexpected_answer", $"The service answered {Status} with a body that is not JSON.");
        }
    }
}
