//! The main bundle (Calculator, Compare, Charts, embed mode): renders the app into `<body>`.

fn main() {
    #[cfg(target_arch = "wasm32")]
    yew::Renderer::<rackscope_web::App<rackscope_web::bundle::MainViews>>::new().render();
}
