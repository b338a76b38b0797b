//! The My data bundle (`rackscope_web::bundle`): renders the app into `<body>`.

fn main() {
    #[cfg(target_arch = "wasm32")]
    yew::Renderer::<rackscope_web::App<rackscope_web::bundle::DataViews>>::new().render();
}
