using System.Globalization;

namespace BwpOrders.Tests.Infrastructure;

/// <summary>Reads one value from the server's Prometheus text at <c>GET /metrics</c>.</summary>
public static class Metrics
{
    /// <param name="series">A metric name, or a name with labels exactly as printed (<c>bwp_http_requests_total{code="400"}</c>).</param>
    /// <returns>The value, or 0 when the series is not there (yet).</returns>
    public static async Task<double> Read(HttpClient http, string series)
    {
        var text = await http.GetStringAsync("/metrics");
        foreach (var line in text.Split('\n'))
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
                return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
        return 0;
    }
}
