using Tarang.Market.Instruments;

namespace Tarang.Server.Feed;

/// <summary>A hold request named instruments the catalog does not have; nothing of it was held.</summary>
public sealed class UnknownInstrumentsException : ArgumentException
{
    public UnknownInstrumentsException()
    {
    }

    public UnknownInstrumentsException(string message)
        : base(message)
    {
    }

    public UnknownInstrumentsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UnknownInstrumentsException(IReadOnlyList<InstrumentKey> instruments)
        : base($"The instrument master has no instrument {string.Join(", ", instruments)}; check the exchange segment and security id.", nameof(instruments))
    {
        Instruments = instruments;
    }

    /// <summary>The keys the catalog does not have.</summary>
    public IReadOnlyList<InstrumentKey> Instruments { get; } = [];
}
