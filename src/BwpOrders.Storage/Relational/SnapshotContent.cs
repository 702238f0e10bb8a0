using System.Data.Common;
using System.Text;
using System.Text.Json;

namespace BwpOrders.Storage.Relational;

/// <summary>
/// A target's rows as a snapshot stores them: <c>{"orders": {"columns": [...], "rows": [[...], ...]}, ...}</c>, each
/// value as the engine gave it — text as a string, a whole number as a number, bytes (sealed secrets) as
/// <c>{"bytes": BASE64}</c>, null as null — and written back the same way, keys (generated ones too) included.
/// </summary>
internal static class SnapshotContent
{
    private const string BytesProperty = "bytes";

    public static async Task<string> ReadAsync(DbConnection connection, DbTransaction tx, string targetId, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var table in TargetTables.All)
            {
                await using var command = Sql.Command(connection, tx, $"SELECT * FROM {table.Name} WHERE {table.Rows}", [("@t", targetId)]);
                await using var reader = await command.ExecuteReaderAsync(ct);
                json.WriteStartObject(table.Name);
                json.WriteStartArray("columns");
                for (var i = 0; i < reader.FieldCount; i++) json.WriteStringValue(reader.GetName(i));
                json.WriteEndArray();
                json.WriteStartArray("rows");
                while (await reader.ReadAsync(ct))
                {
                    json.WriteStartArray();
                    for (var i = 0; i < reader.FieldCount; i++) WriteValue(json, reader.GetValue(i));
                    json.WriteEndArray();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <param name="overridingIdentity">Between the column list and VALUES, so saved generated keys are written as they were.</param>
    public static async Task WriteAsync(DbConnection connection, DbTransaction tx, string content, string overridingIdentity, CancellationToken ct)
    {
        using var saved = JsonDocument.Parse(content);
        foreach (var table in TargetTables.All)
        {
            if (!saved.RootElement.TryGetProperty(table.Name, out var rows)) continue;
            var columns = rows.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
            var sql = $"INSERT INTO {table.Name} ({string.Join(", ", columns)}) {(table.HasIdentity ? overridingIdentity : "")} VALUES ("
                + string.Join(", ", columns.Select((_, i) => "@p" + i)) + ")";
            foreach (var row in rows.GetProperty("rows").EnumerateArray())
                await Sql.Exec(connection, tx, sql, ct, row.EnumerateArray().Select((value, i) => ("@p" + i, ReadValue(value))).ToArray());
        }
    }

    private static void WriteValue(Utf8JsonWriter json, object value)
    {
        switch (value)
        {
            case DBNull: json.WriteNullValue(); break;
            case string text: json.WriteStringValue(text); break;
            case long or int or short: json.WriteNumberValue(Convert.ToInt64(value)); break;
            case byte[] bytes:
                json.WriteStartObject();
                json.WriteBase64String(BytesProperty, bytes);
                json.WriteEndObject();
                break;
            default: throw new InvalidOperationException($"A snapshot cannot keep a {value.GetType().Name} column value.");
        }
    }

    private static object ReadValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => DBNull.Value,
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetInt64(),
        JsonValueKind.Object => value.GetProperty(BytesProperty).GetBytesFromBase64(),
        _ => throw new InvalidOperationException($"Unexpected value in a snapshot: {value.ValueKind}."),
    };
}
