//! The browser entry point: renders the app into `<body>`.

fn main() {
    #[cfg(target_arch = "wasm32")]
    yew::Renderer::<rackscope_web::App>::new().render();
}
