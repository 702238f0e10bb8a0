using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>A malformed setting stops <c>serve</c> at start, saying which setting and why (exit 2, no stack trace).</summary>
public sealed class SettingsTests
{
    [Theory]
    [InlineData("Limits__MaxQueryDepth", "deep", "Limits:MaxQueryDepth")]
    [InlineData("Limits__RequestBurst", "0", "Limits:RequestBurst must be at least 1")]
    [InlineData("Events__RetryDelays", "5x", "Events:RetryDelays: '5x' needs a unit")]
    [InlineData("Events__SigningCurve", "P-521", "Events:SigningCurve must be P-384 or P-256")]
    [InlineData("Events__Proxy", "ftp://egress", "Events:Proxy must be an http(s) URL")]
    [InlineData("Simulation__InTransitAfter", "-01:00:00", "Simulation:InTransitAfter must not be negative")]
    [InlineData("Cors__AllowedOrigins__0", "*", "Cors:AllowedOrigins:0 must be an origin")]
    [InlineData("Cors__AllowedOrigins__0", "https://studio.example/graphql", "not 'https://studio.example/graphql'")]
    [InlineData("Logging__Format", "xml", "Logging:Format must be auto, text or json, not 'xml'")]
    [InlineData("Telemetry__OtlpEndpoint", "localhost:4318", "Telemetry:OtlpEndpoint must be an http(s) URL")]
    [InlineData("Telemetry__OtlpProtocol", "thrift", "Telemetry:OtlpProtocol must be http/protobuf or grpc")]
    [InlineData("Storage__OperationTimeoutSeconds", "0", "Storage:OperationTimeoutSeconds must be between 1 and 3600")]
    public async Task A_malformed_setting_fails_the_start_naming_it(string variable, string value, string said)
    {
        await using var storage = await TestStorage.CreateAsync();
        var (exit, output) = await ServerProcess.RunCliAsync(new Dictionary<string, string> { [variable] = value },
            "serve", "--urls", "http://127.0.0.1:0", "--storage", storage.Spec);
        Assert.Equal(2, exit);
        Assert.Contains(said, output);
        Assert.DoesNotMatch(@"\bat [\w.`<>]+\(", output);
    }
}
