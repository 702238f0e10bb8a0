using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>The garbage collector runs as configured (Server GC with DATAS), and the optional hard heap limit takes effect.</summary>
public sealed class MemorySettingsTests : FreshStorageTest
{
    [Fact]
    public async Task The_server_runs_server_gc_and_honours_a_hard_heap_limit()
    {
        await using var server = await ServerProcess.StartAsync(Storage, new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x20000000" });

        Assert.Equal(512.0 * 1024 * 1024, await Metrics.Read(server.Api.Http, "bwp_gc_heap_limit_bytes"));
        Assert.Equal(1, await Metrics.Read(server.Api.Http, "bwp_gc_info{mode=\"server\",concurrent=\"true\"}"));
        (await server.Api.Send("bp-memory", null, "{ __typename }")).AssertSuccess();
    }
}
