using Suanwang.Protocol.Agents;

namespace Suanwang.Agent;

/// <summary>A report waiting for the server, with what it costs.</summary>
/// <param name="Report">The report.</param>
/// <param name="LogBytes">Bytes of the job's output file it covers (log reports).</param>
/// <param name="EncodedBytes">Its size as JSON in a report batch, escapes included.</param>
/// <param name="Note">A note standing in for output the server refused; never split or replaced again.</param>
internal sealed record OutboxItem(RunReport Report, int LogBytes, int EncodedBytes, bool Note = false);
