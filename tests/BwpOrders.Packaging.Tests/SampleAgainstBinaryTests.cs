namespace BwpOrders.Packaging.Tests;

/// <summary>
/// The merchant sample (samples/BwpOrders.Samples.Tests) runs unchanged against the single-file binary, as the CI
/// recipe's binary job does: <c>bwp-orders serve --simulate-fulfillment</c>, then <c>dotnet test</c> with
/// <c>BWP_ORDERS_URL</c> and the printed credential, each test class on a fresh target of its own.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class SampleAgainstBinaryTests(Packages packages)
{
    [Fact]
    public async Task The_sample_passes_against_the_single_file_binary()
    {
        await using var server = PackagedServer.Start(packages.Binary, "--simulate-fulfillment");
        var (clientId, secret, _) = await server.SandboxCredentialAsync();

        var output = await packages.RunAsync(ownNuGetCache: false, new Dictionary<string, string>
        {
            ["BWP_ORDERS_URL"] = server.Http.BaseAddress!.ToString(),
            ["BWP_ORDERS_CLIENT_ID"] = clientId,
            ["BWP_ORDERS_CLIENT_SECRET"] = secret,
        }, "dotnet", "test", "samples/BwpOrders.Samples.Tests", "--no-build", "-c", "Release");

        Assert.Matches(@"Passed!\s+- Failed:\s+0, Passed:\s+[1-9]", output);
        // The tests ran on targets the binary made for them (its log shows their tokens), not on a server of their own.
        Assert.Contains("for target bp-test-", server.Output);
    }
}
