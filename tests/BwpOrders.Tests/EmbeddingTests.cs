using System.Net.Sockets;
using BwpOrders.Domain.Access;
using BwpOrders.Server.Hosting;
using BwpOrders.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BwpOrders.Tests;

/// <summary>Its tests change the process's working directory and environment, so they run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(ProcessStateCollection), DisableParallelization = true)]
public sealed class ProcessStateCollection;

/// <summary>The library's entry point, <see cref="BwpOrdersHost.StartAsync"/>: the server in this process, as a test host or another executable starts it.</summary>
[Collection(nameof(ProcessStateCollection))]
public sealed class EmbeddingTests : FreshStorageTest
{
    [Fact]
    public async Task Starts_from_any_folder_on_a_free_port_with_a_working_credential_and_closes_the_port_when_disposed()
    {
        var folder = Directory.CreateTempSubdirectory("bwp-embedding-");
        // Were the working directory the content root, this file would stop the start (not a number).
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "appsettings.json"), """{ "Limits": { "MaxQueryDepth": "not a number" } }""");
        var before = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(folder.FullName);
        try
        {
            Uri address;
            var options = new BwpOrdersOptions { Storage = Storage, ReadProcessConfiguration = true };
            await using (var bwp = await BwpOrdersHost.StartAsync(options))
            {
                address = bwp.BaseAddress;
                Assert.NotEqual(0, address.Port);
                var credential = bwp.SandboxCredential!; // a fresh store: serve's default makes one
                Assert.Equal(Scopes.Orders, credential.Scopes);
                using var http = new HttpClient { BaseAddress = address };
                var tokens = new TokenSource(http, bwp.Services.GetRequiredService<CredentialService>());
                var token = await tokens.ExchangeAsync(credential.ClientId, credential.ClientSecret); // POST /token
                var api = new ApiClient(http, tokens.ForTarget);
                var created = await new OrderSetup(api, credential.TargetId).Create();
                (await api.Send(credential.TargetId, null, $$"""{ order(orderIdentifier: { orderId: "{{created.Id}}" }) { id } }""", bearer: token)).AssertSuccess();
            }
            using var probe = new TcpClient();
            await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync(address.Host, address.Port));
            Assert.Equal(["appsettings.json"], folder.GetFileSystemInfos().Select(f => f.Name)); // no ./data: the store is the one given

            await using var again = await BwpOrdersHost.StartAsync(options);
            Assert.Null(again.SandboxCredential); // the store has one now
        }
        finally
        {
            Directory.SetCurrentDirectory(before);
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Takes_settings_from_its_options_and_from_the_environment_only_when_asked()
    {
        const string variable = "Limits__MaxQueryDepth";
        Environment.SetEnvironmentVariable(variable, "not a number");
        try
        {
            await using (var isolated = await BwpOrdersHost.StartAsync(new BwpOrdersOptions { Storage = Storage, SandboxCredential = SandboxCredentialPolicy.Never }))
                Assert.Null(isolated.SandboxCredential);
            var fromEnvironment = await Assert.ThrowsAsync<ArgumentException>(() =>
                BwpOrdersHost.StartAsync(new BwpOrdersOptions { Storage = Storage, ReadProcessConfiguration = true }));
            Assert.Contains("Limits:MaxQueryDepth", fromEnvironment.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
        var fromOptions = await Assert.ThrowsAsync<ArgumentException>(() => BwpOrdersHost.StartAsync(new BwpOrdersOptions
        {
            Storage = Storage, Configuration = new Dictionary<string, string?> { ["Limits:MaxQueryDepth"] = "not a number" },
        }));
        Assert.Contains("Limits:MaxQueryDepth", fromOptions.Message);
    }

    [Fact]
    public async Task A_production_server_makes_no_sandbox_credential()
    {
        await using var bwp = await BwpOrdersHost.StartAsync(new BwpOrdersOptions { Storage = Storage, Production = true });
        Assert.Null(bwp.SandboxCredential);
        await Assert.ThrowsAsync<ArgumentException>(() =>
            BwpOrdersHost.StartAsync(new BwpOrdersOptions { Storage = Storage, Production = true, SandboxCredential = SandboxCredentialPolicy.Always }));
    }
}
