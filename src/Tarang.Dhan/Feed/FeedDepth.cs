using System.Runtime.CompilerServices;

namespace Tarang.Dhan.Feed;

/// <summary>The five depth levels of a full packet, best first, stored inline (no allocation).</summary>
[InlineArray(FeedPacketLayout.DepthLevels)]
public struct FeedDepth
{
    private FeedDepthLevel level;
}
