using System.IO.Compression;
using System.Text;
using Tarang.Market.Csv;
using Tarang.Market.Instruments;

namespace Tarang.Dhan.Instruments;

/// <summary>
/// The instrument master compiled into this assembly, so the server can start without network:
/// real NSE and BSE equity and index rows from Dhan's master, plus the derivatives of the
/// recorded market sessions. Loading reads only the embedded resources.
/// </summary>
public sealed class BundledInstrumentMaster
{
    /// <summary>The first security id of the range reserved for contracts whose Dhan id is unknown.</summary>
    public const uint FirstInventedSecurityId = 90_000_000;

    /// <summary>
    /// The last security id of the reserved range. The largest id in a public Sep-2025 list of
    /// Dhan's NIFTY, BANKNIFTY and SENSEX derivatives is about 1.2 million, far below the range.
    /// </summary>
    public const uint LastInventedSecurityId = 90_099_999;

    /// <summary>
    /// The bundled files in merge order. The detailed slice (April 2026) comes first, so the newer
    /// compact slice (June 2026) updates its tick and lot sizes while its ISINs stay.
    /// </summary>
    public static IReadOnlyList<string> FileNames { get; } =
    [
        "dhan_scrip_master_detailed_NSE_EQ_IDX_2026-04-15.csv.gz",
        "dhan_scrip_master_compact_NSE_BSE_EQ_IDX_2026-06-29.csv.gz",
        RecordedDerivativesFileName,
    ];

    private const string RecordedDerivativesFileName = "recorded_derivatives.csv.gz";
    private const string ResourcePrefix = "Tarang.Dhan.Instruments.";
    private const string KiteSymbolColumn = "KITE_TRADING_SYMBOL";

    private BundledInstrumentMaster(InstrumentCatalog catalog, IReadOnlyList<BundledMasterFile> files, IReadOnlyDictionary<InstrumentKey, string> kiteTradingSymbols)
    {
        Catalog = catalog;
        Files = files;
        KiteTradingSymbols = kiteTradingSymbols;
    }

    /// <summary>The merged catalog of all bundled files.</summary>
    public InstrumentCatalog Catalog { get; }

    /// <summary>Each file with its parse statistics, in <see cref="FileNames"/> order.</summary>
    public IReadOnlyList<BundledMasterFile> Files { get; }

    /// <summary>
    /// The Kite trading symbol (<c>NIFTY26FEB25100CE</c>, <c>NIFTY25DECFUT</c>) of each recorded
    /// derivative, which names the contract in the recordings the simulator replays.
    /// </summary>
    public IReadOnlyDictionary<InstrumentKey, string> KiteTradingSymbols { get; }

    /// <summary>Returns true when <paramref name="securityId"/> lies in the range reserved for invented ids.</summary>
    public static bool IsInventedSecurityId(uint securityId) =>
        securityId is >= FirstInventedSecurityId and <= LastInventedSecurityId;

    /// <summary>Parses the embedded files and merges them into one catalog.</summary>
    /// <exception cref="InvalidOperationException">A bundled file is missing from the assembly (a build fault).</exception>
    public static BundledInstrumentMaster Load(CancellationToken cancellationToken = default)
    {
        var builder = new InstrumentCatalogBuilder();
        var files = new List<BundledMasterFile>(FileNames.Count);
        foreach (var name in FileNames)
        {
            using var reader = OpenResource(name);
            var result = DhanInstrumentMasterParser.Parse(reader, cancellationToken);
            builder.Add(result.Instruments);
            files.Add(new BundledMasterFile(name, result));
        }

        return new BundledInstrumentMaster(builder.Build(), files, ReadKiteTradingSymbols());
    }

    // The recorded derivatives file carries one column beyond Dhan's layout, which the master
    // parser ignores, so it is read here on its own.
    private static Dictionary<InstrumentKey, string> ReadKiteTradingSymbols()
    {
        using var reader = OpenResource(RecordedDerivativesFileName);
        var csv = new CsvRecordReader(reader);
        if (!csv.ReadRecord())
        {
            throw new InvalidOperationException($"The bundled file {RecordedDerivativesFileName} is empty.");
        }

        var header = new List<string>();
        for (var i = 0; i < csv.FieldCount; i++)
        {
            header.Add(csv[i].Trim().ToString());
        }

        var exchange = header.IndexOf("EXCH_ID");
        var segmentLetter = header.IndexOf("SEGMENT");
        var securityId = header.IndexOf("SECURITY_ID");
        var kiteSymbol = header.IndexOf(KiteSymbolColumn);
        if (exchange < 0 || segmentLetter < 0 || securityId < 0 || kiteSymbol < 0)
        {
            throw new InvalidOperationException(
                $"The bundled file {RecordedDerivativesFileName} lacks one of EXCH_ID, SEGMENT, SECURITY_ID, {KiteSymbolColumn}.");
        }

        var symbols = new Dictionary<InstrumentKey, string>();
        while (csv.ReadRecord())
        {
            var mapped = ExchangeSegments.TryFromMaster(csv[exchange].ToString(), csv[segmentLetter].ToString(), out var segment);
            if (!mapped || !MasterValues.TryParseSecurityId(csv[securityId].Trim(), out var id) || csv[kiteSymbol].Trim().IsEmpty)
            {
                throw new InvalidOperationException(
                    $"The bundled file {RecordedDerivativesFileName} has an invalid row at line {csv.LineNumber}; " +
                    "regenerate it with tools/bundled-master/build_recorded_derivatives.py.");
            }

            symbols.Add(new InstrumentKey(segment!.Value, id), csv[kiteSymbol].Trim().ToString());
        }

        return symbols;
    }

    private static StreamReader OpenResource(string fileName)
    {
        var assembly = typeof(BundledInstrumentMaster).Assembly;
        var stream = assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new InvalidOperationException(
                $"The bundled instrument file {fileName} is not embedded in {assembly.GetName().Name}; " +
                "check the EmbeddedResource item for data/instruments/*.csv.gz in Tarang.Dhan.csproj.");
        var gzip = new GZipStream(stream, CompressionMode.Decompress);
        return new StreamReader(gzip, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: false);
    }
}
