using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>Logs read as text at a terminal and as JSON lines when piped (Logging:Format=auto), or as Logging:Format says.</summary>
public sealed class LogFormatTests : FreshStorageTest
{
    private static bool IsJson(string line) => line.StartsWith('{') && System.Text.Json.Nodes.JsonNode.Parse(line) is not null;

    private static async Task<List<string>> RequestLines(ServerProcess server)
    {
        using var _ = await server.Api.Http.GetAsync("/healthz");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!server.Output.Any(l => l.Contains("GET /healthz")))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("no request line in:\n" + string.Join("\n", server.Output));
            await Task.Delay(50);
        }
        return server.Output.Where(l => l.Contains("GET /healthz")).ToList();
    }

    [Fact]
    public async Task At_a_terminal_the_logs_are_text_with_the_request_id()
    {
        await using var server = await ServerProcess.StartAtTerminalAsync(Storage);
        var lines = await RequestLines(server);

        var plain = server.Output.Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"\x1b\[[0-9;]*m", "")).ToList(); // colours
        Assert.DoesNotContain(plain, IsJson);
        Assert.Contains(plain, l => l.Contains("info: BwpOrders.Requests"));
        Assert.Contains(plain, l => l.Contains("RequestId:"));
        Assert.NotEmpty(lines);
    }

    [Theory]
    [InlineData("json", true)]
    [InlineData("text", false)]
    [InlineData("auto", true)] // piped into this test: as a collector reads it
    public async Task Logging_Format_chooses_text_or_json(string format, bool json)
    {
        await using var server = await ServerProcess.StartAsync(Storage, new Dictionary<string, string> { ["Logging__Format"] = format });
        var lines = await RequestLines(server);

        Assert.All(lines, line => Assert.Equal(json, IsJson(line)));
    }
}
