using Npgsql;

namespace BwpOrders.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL database a README block creates and uses, on the test run's server (<c>BWP_TEST_POSTGRES</c>):
/// a fresh name each session (test.sh runs the suite twice on one server), dropped at the end. The block's own
/// <c>createdb</c> reaches the server through libpq's environment (<c>PGHOST</c>, <c>PGPORT</c>, <c>PGUSER</c>, <c>PGPASSWORD</c>).
/// </summary>
public sealed class ReadmePostgres : IAsyncDisposable
{
    private readonly string _server = TestStorage.PostgresServer
        ?? throw new InvalidOperationException($"{TestStorage.PostgresVariable} is not set; run ./test.sh, which starts PostgreSQL.");

    public string Database { get; } = "bwp_readme_" + Guid.NewGuid().ToString("N");

    public string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = Database }.ConnectionString;

    public IReadOnlyDictionary<string, string> ClientEnvironment
    {
        get
        {
            var server = new NpgsqlConnectionStringBuilder(_server);
            var environment = new Dictionary<string, string>
            {
                ["PGHOST"] = server.Host ?? "127.0.0.1",
                ["PGPORT"] = server.Port.ToString(),
                ["PGUSER"] = server.Username ?? "postgres",
            };
            if (server.Password is { } password) environment["PGPASSWORD"] = password;
            return environment;
        }
    }

    /// <summary>A replacement's text with <c>{postgres}</c> and <c>{database}</c> filled in.</summary>
    public string Fill(string text) => text.Replace("{postgres}", ConnectionString).Replace("{database}", Database);

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
