namespace Tarang.Server.Apis;

/// <summary>The result of an instrument search or a symbol lookup.</summary>
public sealed record InstrumentSearchResponse(string Query, int Count, IReadOnlyList<InstrumentResponse> Instruments);
