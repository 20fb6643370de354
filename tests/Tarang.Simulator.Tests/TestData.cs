using Tarang.Dhan.Instruments;
using Tarang.Market.Time;
using Tarang.Simulator.Recording;
using Tarang.Simulator.Replay;

namespace Tarang.Simulator.Tests;

/// <summary>The bundled master and recordings, loaded once for the whole test run.</summary>
internal static class TestData
{
    private static readonly Lazy<BundledInstrumentMaster> LazyMaster = new(() => BundledInstrumentMaster.Load());
    private static readonly Lazy<MarketRecording> LazyRecording = new(() => MarketRecording.Load(Master));
    private static readonly Lazy<ReplayEngine> LazyEngine = new(() => new ReplayEngine(Recording, Master.Catalog, NseCalendar.Bundled));

    public static BundledInstrumentMaster Master => LazyMaster.Value;

    public static MarketRecording Recording => LazyRecording.Value;

    public static ReplayEngine Engine => LazyEngine.Value;

    public static DateTimeOffset At(int year, int month, int day, int hour, int minute, int second = 0) =>
        Ist.At(new DateOnly(year, month, day), new TimeOnly(hour, minute, second));
}
