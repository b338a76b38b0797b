//! Every UI label in English and Simplified Chinese: one enum of message keys and [`t`].
//!
//! The table is one macro invocation, so a key cannot exist without both languages; a test also
//! checks that no text is empty. Core messages (breakdown formulas, core errors) stay English:
//! they come from the library and are shown as they are.

/// A UI language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// The URL value (`en`, `zh`).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// Parses a URL value.
    #[must_use]
    pub fn from_key(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    #[must_use]
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language a browser's `navigator.language` suggests.
    #[must_use]
    pub fn from_browser(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") { Lang::Zh } else { Lang::En }
    }
}

macro_rules! messages {
    ($($key:ident => $en:literal, $zh:literal;)+) => {
        /// A UI message.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[allow(missing_docs)] // The English text is the documentation.
        pub enum Key { $($key),+ }

        impl Key {
            /// Every key.
            pub const ALL: &[Key] = &[$(Key::$key),+];
        }

        /// The text of `key` in `lang`.
        #[must_use]
        pub fn t(lang: Lang, key: Key) -> &'static str {
            match (lang, key) {
                $((Lang::En, Key::$key) => $en, (Lang::Zh, Key::$key) => $zh,)+
            }
        }
    };
}

messages! {
    AppTagline => "Price-performance of AI inference hardware, with every number sourced", "AI 推理硬件的性价比计算器，每个数字都有出处";
    SwitchLang => "中文", "English";
    SwitchLangLabel => "切换到中文", "Switch to English";
    TabCalculator => "Calculator", "计算器";
    TabCompare => "Compare", "对比";
    TabCharts => "Charts", "图表";
    TabMyData => "My data", "我的数据";
    Views => "Views", "视图";
    Dismiss => "Dismiss", "关闭";
    UrlProblems => "Some link parameters could not be used", "链接中有参数无法使用";
    UrlParameter => "URL parameter", "URL 参数";
    UrlUnknown => "unknown parameter", "未知参数";
    UrlRepeated => "given more than once; the last one is used", "出现多次，使用最后一个";
    UrlTooLong => "This link is too long to read and was ignored", "链接过长，已忽略";
    LinkTooLong => "This link is too long to open: shorten the text fields (assumptions, API provider) before sharing it", "此链接过长，无法打开：分享前请缩短文本字段（假设值、API 提供商）";
    LinkDataVersion => "This link was made with catalog version", "此链接基于目录版本";
    LinkDataVersionNow => "numbers may differ with this version:", "当前版本的数字可能不同：";
    Got => "got", "实际为";
    ExpectId => "expected an id", "应为 ID";
    ExpectWhole => "expected a whole number ≥ 0", "应为 ≥ 0 的整数";
    ExpectCount => "expected a whole number ≥ 1", "应为 ≥ 1 的整数";
    ExpectOptCount => "expected a whole number ≥ 1 (or empty: fewest that fit)", "应为 ≥ 1 的整数（留空：能放下的最少数量）";
    ExpectConcurrency => "expected a whole number ≥ 1 or `max`", "应为 ≥ 1 的整数或 `max`";
    ExpectPrecision => "expected one of bf16, fp16, fp8, int8, int4, fp4 (or empty)", "应为 bf16、fp16、fp8、int8、int4、fp4 之一（或留空）";
    ExpectPositive => "expected a positive number", "应为正数";
    ExpectOptPositive => "expected a positive number (or empty)", "应为正数（或留空）";
    ExpectOneHardware => "expected exactly one chip or system", "应恰好选择一种芯片或系统";
    ExpectTab => "expected calc, compare, charts, decide or data", "应为 calc、compare、charts、decide 或 data";
    ExpectLang => "expected en or zh", "应为 en 或 zh";
    ExpectEmbed => "expected result or chart", "应为 result 或 chart";
    ExpectVersion => "expected 1", "应为 1";
    // Calculator fields.
    Hardware => "Hardware", "硬件";
    Count => "Count", "数量";
    CountHint => "chips, or systems; empty: fewest that fit", "芯片数或系统数；留空：能放下的最少数量";
    Model => "Model", "模型";
    Weights => "Weights", "权重精度";
    KvCache => "KV cache", "KV 缓存精度";
    Compute => "Compute", "计算精度";
    Auto => "auto", "自动";
    InputTokens => "Input tokens", "输入 token 数";
    OutputTokens => "Output tokens", "输出 token 数";
    Concurrency => "Concurrency", "并发数";
    ConcurrencyHint => "requests in flight, or max", "同时处理的请求数，或 max";
    TtftTarget => "TTFT target", "TTFT 目标";
    TpotTarget => "TPOT target", "TPOT 目标";
    AcceleratorPrice => "Accelerator price", "加速卡价格";
    SystemPrice => "System price", "系统价格";
    CatalogPriceHint => "empty: the catalog's price", "留空：使用目录价格";
    ServerPrice => "Server, per accelerator", "服务器（每卡）";
    NetworkPrice => "Network, per accelerator", "网络（每卡）";
    Years => "Amortisation", "折旧年限";
    YearsUnit => "years", "年";
    Electricity => "Electricity", "电价";
    Pue => "PUE", "PUE";
    Utilisation => "Utilisation", "利用率";
    UtilisationHint => "0–1", "0–1";
    CnyPerUsd => "CNY per USD", "人民币兑美元汇率";
    CnyHint => "needed for prices in CNY; never assumed", "目录价格为人民币时需要；从不假设";
    Assumptions => "Assumptions for unpublished facts", "未公布参数的假设值";
    AssumptionsHint => "e.g. chip.memory_bandwidth=4000 GB/s; chip.fp8_dense=600 TFLOPS — labelled as assumptions in the result", "例如 chip.memory_bandwidth=4000 GB/s; chip.fp8_dense=600 TFLOPS — 结果中标注为假设";
    ExpectAssumptions => "expected entries like chip.memory_bandwidth=4000 GB/s, separated by ;", "应为形如 chip.memory_bandwidth=4000 GB/s 的条目，以 ; 分隔";
    ApiModel => "API to compare", "对比的 API";
    ApiNone => "none", "无";
    ApiProvider => "API provider", "API 提供商";
    ApiInputPrice => "Or: API input price", "或：API 输入价格";
    ApiOutputPrice => "API output price", "API 输出价格";
    PerMtok => "$/Mtok", "美元/百万 token";
    GroupHardware => "Hardware and model", "硬件与模型";
    GroupPrecision => "Precision", "精度";
    GroupWorkload => "Workload and targets", "负载与目标";
    GroupCost => "Cost", "成本";
    Chips => "Chips", "芯片";
    Systems => "Systems", "系统";
    Models => "Models", "模型";
    MyChips => "My chips", "我的芯片";
    MyModels => "My models", "我的模型";
    NotInCatalog => "not in the catalog", "不在目录中";
    // Results.
    Result => "Result", "结果";
    Fits => "Fits", "能放下";
    DoesNotFit => "Does not fit", "放不下";
    ChipsUsed => "Chips", "芯片数";
    FewestChips => "fewest that fit", "能放下的最少数量";
    SystemsUsed => "Systems", "系统数";
    RacksUsed => "Racks", "机架数";
    Throughput => "Output throughput", "输出吞吐";
    ThroughputPerChip => "Output throughput per chip", "每芯片输出吞吐";
    TokensPerS => "tokens/s", "token/秒";
    PerChip => "per chip", "每芯片";
    Tpot => "TPOT", "TPOT（每 token 时间）";
    Ttft => "TTFT", "TTFT（首 token 时间）";
    TargetMet => "meets target", "满足目标";
    TargetMissed => "misses target", "未满足目标";
    Bound => "bound", "瓶颈";
    CostPerMtokOut => "$ per million output tokens", "每百万输出 token 成本";
    CostPerMtokIn => "$ per million input tokens", "每百万输入 token 成本";
    NotPriced => "not priced", "无价格";
    Tco => "TCO", "总拥有成本";
    TcoVsApi => "TCO vs API for the same tokens", "同等 token 量的 TCO 与 API 对比";
    YearSuffix => "-year", "年";
    Capex => "Capital cost", "资本支出";
    PowerKw => "Power", "功率";
    BreakEven => "Break-even vs API", "与 API 的盈亏平衡点";
    TokensPerMonth => "output tokens/month", "输出 token/月";
    Capacity => "Capacity at this load", "当前负载下的产能";
    CostGaps => "Cost not computed", "未计算的成本";
    Warnings => "Warnings", "警告";
    Breakdown => "Breakdown", "计算明细";
    BreakdownCaption => "Every term of the calculation, in the order to check it (formulas in English)", "计算的每一项，按核对顺序排列（公式为英文）";
    Term => "Term", "项";
    Formula => "Formula", "公式";
    Value => "Value", "值";
    Sources => "Facts used", "使用的事实";
    SourcesCaption => "Every catalog fact and assumption the result rests on", "结果所依据的每条目录事实和假设";
    Record => "Record", "记录";
    Field => "Field", "字段";
    Confidence => "Confidence", "可信度";
    Date => "Date", "日期";
    References => "References", "来源";
    Note => "Note", "备注";
    NoResult => "No result until the problems below are fixed", "请先修正以下问题";
    Problems => "Problems", "问题";
    Share => "Share", "分享";
    ShareLink => "Link to this scenario", "此场景的链接";
    EmbedSnippet => "Embed the result card (iframe)", "嵌入结果卡片（iframe）";
    Copy => "Copy", "复制";
    Copied => "Copied", "已复制";
    OpenFullView => "Open the full view", "打开完整视图";
    DataVersion => "data", "数据";
    // Confidence labels.
    ConfOfficial => "official", "官方";
    ConfReported => "reported", "报道";
    ConfEstimate => "estimate", "估计";
    ConfRumour => "rumour", "传闻";
    ConfAssumption => "assumption", "假设";
    Missing => "missing", "缺失";
    NotApplicable => "n/a", "不适用";
    Range => "range", "范围";
    RangesHeading => "Ranges: what drives them", "范围：主要来源";
    RangesMethod => "Each range varies every input within a spread set by its confidence", "每个范围在由可信度决定的幅度内逐项改变输入";
    RangesModelError => "and adds the model's error on measured deployments", "并计入模型在实测部署上的误差";
    RangesShares => "Below, the inputs that move each result most, with their share of its range.", "下面列出对每个结果影响最大的输入及其在范围中所占的份额。";
    RangeTo => "to", "至";
    ModelErrorCause => "model error (calibration set)", "模型误差（校准集）";
    ApiTco => "API for the same tokens", "同等 token 量的 API 费用";
    // Compare.
    CompareIntro => "Pick chips, systems and models. Focus or hover a number to see its source, date and confidence.", "选择芯片、系统和模型。将焦点移到数字上或悬停，可查看来源、日期和可信度。";
    AddChip => "Add a chip", "添加芯片";
    AddSystem => "Add a system", "添加系统";
    AddModel => "Add a model", "添加模型";
    Remove => "Remove", "移除";
    TryExample => "Try: H200 vs MI300X vs Ascend 910C", "示例：H200 对比 MI300X 对比昇腾 910C";
    Choose => "choose…", "请选择…";
    Vendor => "Vendor", "厂商";
    Origin => "Origin", "产地";
    Status => "Status", "状态";
    Release => "Release", "发布";
    Memory => "Memory", "显存";
    MemoryType => "Memory type", "显存类型";
    MemoryBandwidth => "Memory bandwidth", "显存带宽";
    Bf16Dense => "BF16 dense", "BF16 稠密算力";
    Fp8Dense => "FP8 dense", "FP8 稠密算力";
    Fp4Dense => "FP4 dense", "FP4 稠密算力";
    Int8Dense => "INT8 dense", "INT8 稠密算力";
    Tdp => "TDP", "TDP（热设计功耗）";
    ScaleUpBandwidth => "Scale-up bandwidth", "纵向扩展带宽";
    Interconnect => "Interconnect", "互联";
    Price => "Price", "价格";
    ExportStatus => "China export status", "对华出口状态";
    SystemKind => "Kind", "类型";
    Accelerator => "Accelerator", "加速卡";
    Accelerators => "Accelerators", "加速卡数";
    AcceleratorsPerNode => "Per node", "每节点";
    Racks => "Racks", "机架";
    ScaleUpDomain => "Scale-up domain", "纵向扩展域";
    TotalMemory => "Total memory", "总显存";
    Power => "Power", "功耗";
    Developer => "Developer", "开发者";
    Openness => "Openness", "开放程度";
    TotalParams => "Total parameters", "总参数量";
    ActiveParams => "Active parameters", "激活参数量";
    ContextLength => "Context length", "上下文长度";
    Attention => "Attention", "注意力";
    Layers => "Layers", "层数";
    HiddenSize => "Hidden size", "隐藏维度";
    Heads => "Attention heads", "注意力头数";
    KvHeads => "KV heads", "KV 头数";
    Experts => "Routed experts", "路由专家数";
    ExpertsPerToken => "Experts per token", "每 token 专家数";
    NativePrecision => "Native precision", "原生精度";
    Licence => "Licence", "许可证";
    ApiPrice => "API price (in / out)", "API 价格（输入/输出）";
    // My data.
    MyDataIntro => "Your chips and models are stored in this browser only (localStorage) and added to the catalog everywhere in the app.", "你的芯片和模型只保存在本浏览器（localStorage）中，并加入应用各处的目录。";
    StoredRecords => "Stored records", "已保存的记录";
    NoRecords => "No records yet.", "暂无记录。";
    Kind => "Kind", "类型";
    Id => "Id", "ID";
    Name => "Name", "名称";
    InCatalog => "in the catalog", "已加入目录";
    NotUsable => "kept, but not usable:", "已保留，但无法使用：";
    Edit => "Edit", "编辑";
    Delete => "Delete", "删除";
    Chip => "Chip", "芯片";
    AddOrEditChip => "Add or edit a chip", "添加或编辑芯片";
    AddOrEditModel => "Add or edit a model", "添加或编辑模型";
    Editing => "Editing", "正在编辑";
    NewRecord => "New record", "新记录";
    Save => "Save", "保存";
    Saved => "Saved", "已保存";
    Clear => "Clear the form", "清空表单";
    EmptyMeansMissing => "Leave a number empty if it was not published: it is stored as missing, never as 0.", "未公开的数字请留空：将记为缺失，而不是 0。";
    FactsSource => "Source of these numbers", "这些数字的来源";
    FactsDate => "Date (YYYY, YYYY-MM or YYYY-MM-DD)", "日期（YYYY、YYYY-MM 或 YYYY-MM-DD）";
    FactsConfidence => "Confidence", "可信度";
    Required => "required", "必填";
    FixBeforeSaving => "Not saved; fix these first:", "未保存；请先修正：";
    HfImport => "Paste a Hugging Face config.json", "粘贴 Hugging Face 的 config.json";
    HfId => "Id for the imported model", "导入模型的 ID";
    HfConfig => "config.json", "config.json";
    Import => "Import", "导入";
    ExportImport => "Export and import", "导出与导入";
    ExportJson => "Download my data (JSON)", "下载我的数据（JSON）";
    ImportJson => "Import a JSON file", "导入 JSON 文件";
    ImportHint => "Records whose id is already stored are replaced.", "ID 已存在的记录将被替换。";
    ImportFailed => "Import failed:", "导入失败：";
    ImportedCount => "Records imported:", "已导入的记录数：";
    ImportRejected => "Not imported (the rest was); fix these in the file and import it again:", "以下记录未导入（其余已导入）；请在文件中修正后重新导入：";
    StorageFailed => "Could not save to this browser's storage; your previous data is unchanged:", "无法保存到浏览器存储；原有数据未改变：";
    StorageUnreadable => "Stored data could not be read. It is kept, and saving is paused until you download or discard it:", "无法读取已存储的数据。数据已保留；在你下载或丢弃之前暂停保存：";
    StorageUnavailable => "This browser's storage is not available:", "浏览器存储不可用：";
    ShowStoredText => "Show the stored text", "显示存储的文本";
    DownloadStored => "Download it", "下载";
    DiscardStored => "Discard it", "丢弃";
    ConfirmDiscard => "Yes, discard the unreadable data", "确认丢弃无法读取的数据";
    // Charts.
    ChartsHeading => "Charts", "图表";
    ChartKindLabel => "Chart", "图表类型";
    ChartPricePerformance => "Price-performance", "性价比";
    ChartRoofline => "Roofline", "屋顶线模型";
    ChartMemoryFit => "Memory fit", "显存容量匹配";
    ChartThroughputLatency => "Throughput against latency", "吞吐与延迟";
    ChartTco => "Cost over time (TCO)", "总拥有成本随时间变化";
    ChartSpecs => "Chip specifications", "芯片规格";
    ChartRackDensity => "Rack density", "机柜密度";
    ChartDownload => "Download:", "下载：";
    ChartTextAlternative => "Text description of the chart", "图表文字说明";
    ChartEmbedSnippet => "Embed this chart (iframe)", "嵌入此图表（iframe）";
    ChartCannotDraw => "This chart cannot be drawn for the current inputs:", "当前输入无法绘制此图表：";
    ChartLanguageNote => "Text inside the chart is in English.", "图表内的文字为英文。";
    ChartPicksNote => "The charts compare what you pick in Compare (chips, systems, models) under the calculator's scenario; with nothing picked, a default set.", "图表比较你在“对比”中选择的芯片、系统和模型，并使用计算器中的场景；未选择时使用默认集合。";
    // Decide.
    TabDecide => "Decide", "决策";
    DecideIntro => "Rank deployment options under a risk profile, then size a fleet for a demand mix. The weights are yours: this is a tool, not a verdict.", "按风险画像为部署选项排序，再为一组需求规划机队。权重由你决定：这是工具，不是结论。";
    RiskHeading => "Risk ranking", "风险排序";
    Profile => "Profile", "风险画像";
    PresetEuBank => "EU bank", "欧盟银行";
    PresetCnState => "China state enterprise", "中国国有企业";
    PresetStartup => "Start-up", "初创公司";
    PresetCustom => "Custom (no constraints, every weight 1)", "自定义（无约束，权重均为 1）";
    PresetModified => "changed from the preset", "已在预设基础上修改";
    WeightsHeading => "Weights (0 leaves a term out)", "权重（0 表示不计入）";
    TermCost => "Cost", "成本";
    TermPerformance => "Performance", "性能";
    TermJurisdiction => "Jurisdiction", "司法管辖";
    TermExport => "Export control", "出口管制";
    TermSupply => "Supply", "供应";
    ConstraintsHeading => "Hard constraints: options that break one are excluded", "硬性约束：违反任何一条的选项将被排除";
    OnPremOnly => "On premise only (no APIs)", "仅本地部署（不用 API）";
    OpenWeightsOnly => "Open weights only", "仅限开放权重模型";
    ChipOrigins => "Chip origins allowed", "允许的芯片产地";
    ChipOriginsHint => "country codes, comma-separated (CN, US); empty: any", "国家代码，以逗号分隔（CN, US）；留空：不限";
    ExcludeStatuses => "Exclude chips whose export status is", "排除以下出口管制状态的芯片";
    StDomestic => "domestic", "国产";
    StAllowed => "allowed", "允许出口";
    StLicence => "licence required", "需许可证";
    StBarred => "barred", "禁止出口";
    StUnknown => "unknown", "未知";
    MaxUsd => "Most $ per million output tokens", "每百万输出 token 最高成本";
    MaxTpot => "Longest TPOT", "最长 TPOT";
    NoLimitHint => "empty: no limit", "留空：不限";
    BuyerHeading => "Buyer", "买方";
    BuyerRegion => "Buyer region", "买方地区";
    BuyerRegionHint => "sets which chips are domestic and which export records apply (the catalog has records for CN)", "决定哪些芯片算国产以及适用哪些出口管制记录（目录中有针对 CN 的记录）";
    Trusted => "Trusted jurisdictions", "信任的司法管辖区";
    TrustedHint => "comma-separated (EU, FR, US)", "以逗号分隔（EU, FR, US）";
    QualityNote => "The ranking does not measure model quality: rank models you consider interchangeable.", "排序不衡量模型质量：请只对你认为可以互相替代的模型排序。";
    ModelsToRank => "Models to rank (shared with Compare)", "参与排序的模型（与“对比”共用）";
    AllModelsNote => "None picked: every model in the catalog.", "未选择：目录中的全部模型。";
    BaseScenarioNote => "On-premise options are sized by the planner under the Calculator's scenario (workload, precision, latency targets, cost inputs), on the fewest chips that fit; API options use the catalog's prices.", "本地部署选项按计算器中的场景（负载、精度、延迟目标、成本参数）由规划器以能放下的最少芯片数确定；API 选项使用目录价格。";
    NeedsScenario => "Fix the Calculator's fields first: the ranking and the fleet use its scenario.", "请先修正计算器中的字段：排序和机队规划使用其场景。";
    FixRiskFields => "No ranking until the profile's fields are fixed.", "请先修正画像字段，才能排序。";
    Eligible => "Eligible", "符合条件";
    ExcludedCount => "Excluded", "被排除";
    NotComputedCount => "Not computed", "无法计算";
    Score => "Score", "得分";
    Pareto => "Pareto", "帕累托";
    ParetoHint => "Pareto: no other option is at least as good on cost, TPOT and risk and better on one", "帕累托：没有其他选项在成本、TPOT 和风险上都不差且至少一项更好";
    UnknownTerms => "weighted terms unknown (ranked after options with fewer)", "个加权项未知（排在未知项更少的选项之后）";
    WeightZero => "weight 0, not scored", "权重为 0，不计分";
    UnknownLeftOut => "unknown, left out", "未知，不计入";
    MoreEligible => "more eligible options", "个其他符合条件的选项";
    ExcludedHeading => "Excluded by the constraints (reason: options)", "被约束排除（原因：选项数）";
    NotComputedHeading => "Not computed (reason: options)", "无法计算（原因：选项数）";
    RankedIn => "ranked in", "排序耗时";
    Options => "options", "个选项";
    UnpricedOptions => "eligible on-premise options have no cost: their chip has no price in the catalog, or it is in CNY and the Calculator has no CNY per USD rate. Cost is left out of their score.", "个符合条件的本地部署选项没有成本：其芯片在目录中没有价格，或价格为人民币而计算器中没有填写汇率。这些选项的得分不计成本。";
    // Fleet planner.
    FleetHeading => "Fleet planner", "机队规划";
    FleetIntro => "The cheapest mix of chips that serves a demand mix, one chip type per line. Cost inputs and weight precision are the Calculator's. The lines are kept while this page is open, not in the link.", "满足一组需求的最便宜芯片组合，每条需求使用一种芯片。成本参数和权重精度取自计算器。需求行在页面打开期间保留，不写入链接。";
    DemandLine => "Demand line", "需求行";
    RequestsPerDay => "Requests per day", "每日请求数";
    Latency => "Latency class", "延迟类别";
    Interactive => "interactive", "交互式";
    Batch => "batch", "批处理";
    LatencyHint => "Interactive: TPOT ≤ 50 ms and TTFT ≤ 2 s (reading speed, a two-second wait); batch: no latency targets.", "交互式：TPOT ≤ 50 ms 且 TTFT ≤ 2 s（约为阅读速度、两秒等待）；批处理：无延迟目标。";
    PeakFactor => "Peak factor", "峰值系数";
    PeakHint => "peak load over the daily average, 1–100", "峰值负载与日均负载之比，1–100";
    AddLine => "Add a line", "添加需求行";
    RemoveLine => "Remove line", "删除需求行";
    CandidateChips => "Candidate chips", "候选芯片";
    AllChipsNote => "None picked: every chip in the catalog (slower).", "未选择：目录中的全部芯片（较慢）。";
    AvailableChips => "Most available", "最多可得";
    AssumedPrice => "Assumed price", "假设价格";
    AssumedPriceNote => "Assumed prices (USD per accelerator) are yours, not the catalog's: they are used only for chips the catalog has no price for, and every line priced with one is labelled.", "假设价格（每卡美元）由你提供，并非目录数据：仅用于目录中没有价格的芯片，用到它的每一行都会标注。";
    CatalogPrice => "catalog", "目录";
    NoCatalogPrice => "no catalog price", "目录无价格";
    ApplyProfile => "Apply the risk profile above (its chip and model constraints)", "应用上面的风险画像（其芯片和模型约束）";
    CheapestFleet => "Cheapest fleet", "最便宜的机队";
    CostPerYear => "Cost per year", "每年成本";
    CostOverPeriod => "Over the amortisation period", "折旧期内合计";
    NotProven => "The search stopped at its node limit: this is the cheapest found, not proven cheapest.", "搜索达到节点上限而停止：这是找到的最便宜方案，未证明最优。";
    PerLine => "Per demand line", "每条需求";
    Units => "Units × chips", "单元 × 芯片";
    Needs => "Needs", "需求";
    Serves => "Serves", "产能";
    Headroom => "Headroom", "余量";
    PriceAssumed => "assumed price", "假设价格";
    OutagesHeading => "If one chip type becomes unavailable", "若某种芯片无法获得";
    Without => "Without", "去掉";
    Change => "Change", "变化";
    Moves => "Lines that move", "改用其他芯片的需求";
    NoFleet => "No fleet can serve this demand", "没有机队能满足此需求";
    LeftOutHeading => "Left out (reason: line × chip pairs)", "未采用（原因：需求 × 芯片组合数）";
    FleetNeedsCost => "the Calculator's cost inputs are needed", "需要计算器中的成本参数";
    NoFleetUntilFixed => "No plan until the fields marked are fixed", "请先修正标出的字段";
    PlannedIn => "planned in", "规划耗时";
    ExpectWeight => "expected a number ≥ 0", "应为 ≥ 0 的数";
    ExpectPeak => "expected a number from 1 to 100", "应为 1 到 100 之间的数";
    ExpectPreset => "expected eu-bank, cn-state, startup or custom", "应为 eu-bank、cn-state、startup 或 custom";
    ExpectSixWeights => "expected six numbers separated by commas (cost, performance, openness, jurisdiction, export control, supply)", "应为以逗号分隔的六个数（成本、性能、开放程度、司法管辖、出口管制、供应）";
    ExpectFlag => "expected 0 or 1", "应为 0 或 1";
    ExpectStatuses => "expected statuses among domestic, allowed, licence-required, barred, unknown, separated by commas", "应为以逗号分隔的状态：domestic、allowed、licence-required、barred、unknown";
    // Footer.
    Catalog => "Catalog", "目录";
    AsOf => "as of", "截至";
    FooterNote => "Nothing you enter leaves this browser.", "你输入的内容不会离开本浏览器。";
    LoadFailed => "The catalog could not be loaded", "目录加载失败";
    Loading => "Loading the catalog…", "正在加载目录…";
}

/// The label of a confidence level.
#[must_use]
pub fn confidence(lang: Lang, c: rackscope::Confidence) -> &'static str {
    use rackscope::Confidence as C;
    t(
        lang,
        match c {
            C::Official => Key::ConfOfficial,
            C::Reported => Key::ConfReported,
            C::Estimate => Key::ConfEstimate,
            C::Rumour => Key::ConfRumour,
            C::Assumption => Key::ConfAssumption,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_both_languages() {
        for &k in Key::ALL {
            for lang in [Lang::En, Lang::Zh] {
                assert!(!t(lang, k).trim().is_empty(), "{k:?} has no {lang:?} text");
            }
        }
    }

    #[test]
    fn chinese_is_translated() {
        // Labels that are the same in both languages are abbreviations or file names.
        let same: Vec<Key> =
            Key::ALL.iter().copied().filter(|&k| t(Lang::En, k) == t(Lang::Zh, k)).collect();
        assert_eq!(same, vec![Key::Pue, Key::UtilisationHint, Key::HfConfig]);
    }

    #[test]
    fn browser_language() {
        assert_eq!(Lang::from_browser("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_browser("en-GB"), Lang::En);
    }
}
