using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BwpOrders.Packaging.Tests;

/// <summary>
/// The image under podman as a merchant runs it: non-root, <c>serve</c> by default, healthy by
/// <c>bwp-orders healthcheck</c>, its state in a named volume that a second container picks up, a clean stop on SIGTERM;
/// and the merchant sample run through the Testcontainers module (<c>new BwpOrdersBuilder().Build()</c>).
/// </summary>
[Collection(ContainerImageCollection.Name)]
public sealed class ContainerTests(ContainerImage image)
{
    [Fact]
    public async Task The_image_runs_serve_as_user_1654_on_port_8080_with_its_store_under_home_app()
    {
        var config = JsonNode.Parse(await image.PodmanAsync("image", "inspect", "--format", "{{json .Config}}", image.Image))!;
        Assert.Equal("1654", (string)config["User"]!);
        Assert.Equal(["/app/bwp-orders"], config["Entrypoint"]!.AsArray().Select(e => (string)e!));
        Assert.Equal(["serve"], config["Cmd"]!.AsArray().Select(e => (string)e!));
        Assert.NotNull(config["ExposedPorts"]!["8080/tcp"]);
        var environment = config["Env"]!.AsArray().Select(e => (string)e!).ToList();
        Assert.Contains("BWP_HTTP_PORT=8080", environment);
        Assert.Contains("BWP_DATA_DIR=/home/app/data", environment);
    }

    [Fact]
    public async Task The_archive_is_one_image_for_linux_amd64_and_linux_arm64()
    {
        // The small entries (index.json, indexes, manifests, configs), as read; layers are left out.
        var small = new Dictionary<string, byte[]>();
        await using (var tar = new System.Formats.Tar.TarReader(File.OpenRead(image.Archive)))
            while (await tar.GetNextEntryAsync() is { DataStream: { } data } entry)
                if (entry.Length < 100_000)
                {
                    using var copy = new MemoryStream();
                    await data.CopyToAsync(copy);
                    small[entry.Name] = copy.ToArray();
                }
        JsonNode Blob(JsonNode descriptor) => JsonNode.Parse(small["blobs/sha256/" + ((string)descriptor["digest"]!)["sha256:".Length..]])!;

        var tagged = JsonNode.Parse(small["index.json"])!["manifests"]!.AsArray().Single()!;
        Assert.Equal("application/vnd.oci.image.index.v1+json", (string)tagged["mediaType"]!);
        var platforms = Blob(tagged)["manifests"]!.AsArray().Select(m => $"{m!["platform"]!["os"]}/{m["platform"]!["architecture"]}").Order();
        Assert.Equal(["linux/amd64", "linux/arm64"], platforms);
    }

    [Fact]
    public async Task A_container_serves_a_flow_is_healthy_stops_cleanly_and_a_second_one_keeps_its_volume()
    {
        var volume = "bwp-test-" + Guid.NewGuid().ToString("N")[..12];
        await image.PodmanAsync("volume", "create", volume);
        try
        {
            string orderId, clientId, secret, target;
            await using (var first = await RunningContainer.StartAsync(image, volume))
            {
                (clientId, secret, target) = await first.SandboxCredentialAsync();
                var logs = await first.LogsAsync();
                Assert.Contains("  store: sqlite /home/app/data/bwp-orders.db", logs);
                Assert.Contains("bwp-orders listening on http://0.0.0.0:8080", logs);
                Assert.StartsWith("http://127.0.0.1:8080/healthz: 200", await image.PodmanAsync("exec", first.Name, "/app/bwp-orders", "healthcheck"));
                await image.PodmanAsync("healthcheck", "run", first.Name); // fails unless the health command says healthy
                var token = await first.Api.TokenAsync(clientId, secret);
                await first.Api.AssertExplorerServedAsync();
                var created = await first.Api.GraphQLAsync(token, target, """
                    mutation { createOrder(input: { aliases: [{ aliasType: "EXTERNAL_ID", aliasId: "order-1" }],
                      lineItems: [{ product: { title: "Mug", price: { amount: 12.5, currencyCode: "USD" }, identifier: { sku: "MUG-1" } },
                        amount: { value: 1 }, selectedDeliveryOffer: { details: { deliveryProvider: AMAZON } } }] }) { order { id } } }
                    """);
                orderId = (string)created["createOrder"]!["order"]!["id"]!;
                Assert.Equal(0, await first.StopAsync());
            }

            await using var second = await RunningContainer.StartAsync(image, volume);
            await second.ListeningAsync();
            Assert.DoesNotContain("Created a sandbox credential", await second.LogsAsync()); // the store already has one
            var again = await second.Api.TokenAsync(clientId, secret);
            var read = await second.Api.GraphQLAsync(again, target, """{ order(orderIdentifier: { alias: { aliasType: "EXTERNAL_ID", aliasId: "order-1" } }) { id } }""");
            Assert.Equal(orderId, (string)read["order"]!["id"]!);
        }
        finally
        {
            await image.PodmanAsync("volume", "rm", "--force", volume);
        }
    }

    [Fact]
    public async Task The_merchant_sample_passes_against_containers_it_starts_through_the_Testcontainers_module()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var output = await Repository.RunAsync(Path.GetTempPath(), new Dictionary<string, string>(image.TestcontainersEnvironment) { ["BWP_ORDERS_CONTAINER"] = "1" },
            "dotnet", "test", "samples/BwpOrders.Samples.Tests", "--no-build", "-c", "Release");
        Assert.Matches(@"Passed!\s+- Failed:\s+0, Passed:\s+[1-9]", output);

        // The tests ran in containers of this image, which the module started and removed.
        var started = (await image.PodmanAsync("events", "--stream=false", "--since", $"{(int)clock.Elapsed.TotalSeconds + 2}s", "--filter", "event=start", "--format", "{{.ID}} {{.Image}}"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => image.Image.EndsWith(line.Split(' ')[1], StringComparison.Ordinal)).Select(line => line.Split(' ')[0]).ToList();
        Assert.NotEmpty(started);
        var left = await image.PodmanAsync("ps", "--all", "--no-trunc", "--format", "{{.ID}}");
        Assert.All(started, id => Assert.DoesNotContain(id, left));
    }

    /// <summary>One <c>podman run -d</c> of the image: a named volume at /home/app, port 8080 on a free loopback port.</summary>
    private sealed class RunningContainer : IAsyncDisposable
    {
        private readonly ContainerImage _image;
        public string Name { get; }
        public MerchantApi Api { get; }

        private RunningContainer(ContainerImage image, string name, Uri url)
        {
            _image = image;
            Name = name;
            Api = new MerchantApi(url);
        }

        public static async Task<RunningContainer> StartAsync(ContainerImage image, string volume)
        {
            var name = "bwp-test-" + Guid.NewGuid().ToString("N")[..12];
            await image.PodmanAsync("run", "--detach", "--name", name, "--publish", "127.0.0.1::8080", "--volume", $"{volume}:/home/app",
                "--health-cmd", """["/app/bwp-orders","healthcheck"]""", image.Image);
            var port = Regex.Match(await image.PodmanAsync("port", name, "8080"), @":(\d+)\s*$").Groups[1].Value;
            return new RunningContainer(image, name, new Uri($"http://127.0.0.1:{port}"));
        }

        public async Task<string> LogsAsync() => await _image.PodmanAsync("logs", Name);

        public async Task ListeningAsync() => await WaitForAsync("bwp-orders listening on ");

        public async Task<(string ClientId, string ClientSecret, string TargetId)> SandboxCredentialAsync()
        {
            var logs = await WaitForAsync("  scopes:");
            string Field(string field) => Regex.Match(logs, $@"{field}:\s+(\S+)").Groups[1].Value;
            return (Field("client id"), Field("client secret"), Field("target id"));
        }

        /// <summary>SIGTERM (podman stop), then the exit code it stopped with.</summary>
        public async Task<int> StopAsync()
        {
            await _image.PodmanAsync("stop", "--time", "30", Name);
            return int.Parse((await _image.PodmanAsync("inspect", "--format", "{{.State.ExitCode}}", Name)).Trim());
        }

        private async Task<string> WaitForAsync(string text)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60); // a hang guard, not a speed limit
            while (true)
            {
                var logs = await LogsAsync();
                if (logs.Contains(text, StringComparison.Ordinal)) return logs;
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Name} never logged '{text}':\n{logs}");
                await Task.Delay(100);
            }
        }

        public async ValueTask DisposeAsync()
        {
            Api.Dispose();
            await _image.PodmanAsync("rm", "--force", Name);
        }
    }
}
