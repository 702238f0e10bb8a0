using BwpOrders.Tests.Infrastructure;
using Npgsql;

namespace BwpOrders.Tests;

/// <summary>What the PostgreSQL storage sets up beyond the shared tables: document compression and its two pools.</summary>
public sealed class PostgresSchemaTests
{
    /// <summary>
    /// A busy order's document is rewritten whole on every change; LZ4 compresses it several times faster than the
    /// default pglz. A server built without LZ4 keeps pglz, and the migration still succeeds.
    /// </summary>
    [PostgresFact]
    public async Task Order_documents_are_compressed_with_lz4_where_the_server_has_it()
    {
        await using var storage = await TestStorage.CreatePostgresAsync();
        var (exit, output) = await ServerProcess.RunCliAsync("db", "migrate", "--storage", storage.Spec);
        Assert.True(exit == 0, output);

        await using var connection = new NpgsqlConnection(storage.Spec["postgres:".Length..]);
        await connection.OpenAsync();
        // default_toast_compression offers exactly the methods this server was built with.
        var hasLz4 = (bool)(await Scalar(connection, "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"))!;
        var method = await Scalar(connection, "SELECT attcompression::text FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attname = 'document'");
        Assert.Equal(hasLz4 ? "l" : "", method);

        // And a large document is stored compressed that way.
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO orders (target_id, order_id, version, document, created_at, updated_at) VALUES ('t', 'o', 1, @d, 'now', 'now')", connection))
        {
            insert.Parameters.AddWithValue("d", "{\"payments\":[" + string.Join(",", Enumerable.Repeat("{\"id\":\"p\",\"amount\":1}", 5_000)) + "]}");
            await insert.ExecuteNonQueryAsync();
        }
        Assert.Equal(hasLz4 ? "lz4" : "pglz", await Scalar(connection, "SELECT pg_column_compression(document) FROM orders"));
    }

    /// <summary>
    /// Reads and writes share one pool that names itself in pg_stat_activity ("bwp-orders"): the multiplexing pool reads
    /// once used is gone (it did not observe cancellation, so a read could outlive its request's deadline).
    /// </summary>
    [PostgresFact]
    public async Task Reads_and_writes_use_one_pool_named_in_pg_stat_activity()
    {
        await using var storage = await TestStorage.CreatePostgresAsync();
        await using var server = await ServerProcess.StartAsync(storage.Spec);
        var setup = new OrderSetup(server.Api, "bp-pools");
        var order = await setup.Create();
        Assert.Equal(order.Id, (string)(await setup.Read(order.Id, "id"))["id"]!);

        await using var connection = new NpgsqlConnection(storage.Spec["postgres:".Length..]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT application_name FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
        var names = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Equal("bwp-orders", name));
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
