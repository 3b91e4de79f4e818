namespace Suanwang.Storage.Migrations;

/// <summary>One plain SQL migration of a dialect, from <c>Migrations/&lt;dialect&gt;/NNN_name.sql</c>.</summary>
/// <param name="Version">NNN: migrations run in this order, each once.</param>
/// <param name="Name">The file name after the number.</param>
/// <param name="Sql">The statements.</param>
internal sealed record Migration(int Version, string Name, string Sql);
