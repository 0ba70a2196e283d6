using System.Globalization;
using System.Text.RegularExpressions;

namespace SessionService.Tests.Support;

/// <summary>A scrape of <c>/metrics</c> in the Prometheus text format: sample names and values summed by label.</summary>
public sealed partial class PrometheusText
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    public PrometheusText(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var nameEnd = line.IndexOfAny(['{', ' ']);
            var labelsEnd = line.LastIndexOf('}');
            var labels = Label().Matches(labelsEnd > nameEnd ? line[nameEnd..labelsEnd] : "")
                .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            var value = line[(line.LastIndexOf(' ') + 1)..];
            _samples.Add((line[..nameEnd], labels, double.Parse(value, CultureInfo.InvariantCulture)));
        }
    }

    public string Text { get; }

    public IReadOnlySet<string> Names => _samples.Select(s => s.Name).ToHashSet();

    /// <summary>The sum of every sample named <paramref name="name"/> carrying all the given labels (0 when none).</summary>
    public double Sum(string name, params (string Key, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).Sum(s => s.Value);

    public static async Task<PrometheusText> ScrapeAsync(HttpClient client, string? bearer = null)
    {
        var response = await client.GetAsync("/metrics", bearer);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return new PrometheusText(await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"(\w+)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
