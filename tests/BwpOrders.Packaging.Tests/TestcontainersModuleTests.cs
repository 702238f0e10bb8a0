using BwpOrders.Testcontainers;
using DotNet.Testcontainers.Configurations;

namespace BwpOrders.Packaging.Tests;

/// <summary>
/// The Testcontainers module as its README shows it: <c>new BwpOrdersBuilder().Build()</c>, started, gives a base
/// address on a published port and the printed credential, which serve a merchant's first calls; disposing removes the
/// container. (The sample covers WithHostNetwork and simulated fulfilment.)
/// </summary>
[Collection(ContainerImageCollection.Name)]
public sealed class TestcontainersModuleTests(ContainerImage image)
{
    [Fact]
    public async Task The_default_builder_starts_the_image_and_gives_a_working_url_and_credential()
    {
        TestcontainersSettings.ResourceReaperEnabled = false; // Ryuk's image cannot be pulled here; dispose removes the container
        Assert.Equal(image.Image, "docker.io/library/" + BwpOrdersBuilder.DefaultImage); // the module's default is this release's image

        string id;
        await using (var bwp = new BwpOrdersBuilder().WithDockerEndpoint(image.DockerHost).Build())
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(3)); // a hang guard, not a speed limit
            await bwp.StartAsync(patience.Token);
            id = bwp.Id;
            var url = bwp.GetBaseAddress();
            Assert.Matches(@"^http://[^/]+:\d+/$", url.ToString());
            Assert.NotEqual(BwpOrdersBuilder.ApiPort, url.Port); // the published port, not the container's own

            var credential = await bwp.GetSandboxCredentialAsync(patience.Token);
            Assert.StartsWith("bp-sandbox-", credential.TargetId);
            Assert.Equal(["View Order Data", "Edit Order Data"], credential.Scopes);
            using var api = new MerchantApi(url);
            var token = await api.TokenAsync(credential.ClientId, credential.ClientSecret);
            var created = await api.GraphQLAsync(token, credential.TargetId, """
                mutation { createOrder(input: { lineItems: [{ product: { title: "Mug", price: { amount: 12.5, currencyCode: "USD" }, identifier: { sku: "MUG-1" } },
                  amount: { value: 1 }, selectedDeliveryOffer: { details: { deliveryProvider: AMAZON } } }] }) { order { id } } }
                """);
            Assert.NotNull((string?)created["createOrder"]!["order"]!["id"]);
        }

        Assert.Equal("", (await image.PodmanAsync("ps", "--all", "--quiet", "--filter", $"id={id}")).Trim());
    }
}
